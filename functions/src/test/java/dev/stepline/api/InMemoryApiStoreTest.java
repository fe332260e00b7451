package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.api.ApiStore.ClientToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Client tokens in the in-memory store: the first write wins, and only its owner releases it. */
class InMemoryApiStoreTest {
  private final InMemoryApiStore store = new InMemoryApiStore();

  @Test
  void concurrentClaimsReturnFirstToken() throws Exception {
    int requests = 8;
    CountDownLatch ready = new CountDownLatch(requests);
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Future<ClientToken>> claims = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        ClientToken token = new ClientToken("a", "t-1", "hash", "execution-" + i);
        Callable<ClientToken> claim =
            () -> {
              ready.countDown();
              ready.await();
              return store.putClientToken(token);
            };
        claims.add(pool.submit(claim));
      }

      List<String> winners = new ArrayList<>();
      for (Future<ClientToken> claim : claims) {
        winners.add(claim.get().executionId());
      }
      assertThat(winners).hasSize(requests);
      assertThat(winners).containsOnly(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void releaseKeepsAnotherRequestsClaim() {
    ClientToken first = new ClientToken("a", "t-1", "hash", "execution-1");
    ClientToken second = new ClientToken("a", "t-1", "hash", "execution-2");
    store.putClientToken(first);

    store.releaseClientToken(second);

    assertThat(store.putClientToken(second)).isEqualTo(first);
  }

  @Test
  void releasedTokenCanBeClaimedAgain() {
    ClientToken failed = new ClientToken("a", "t-1", "hash", "execution-1");
    ClientToken retry = new ClientToken("a", "t-1", "hash", "execution-2");
    store.putClientToken(failed);

    store.releaseClientToken(failed);

    assertThat(store.putClientToken(retry)).isEqualTo(retry);
  }

  @Test
  void releaseKeepsOtherTenantsToken() {
    ClientToken tenantA = new ClientToken("a", "t-1", "hash", "execution-1");
    ClientToken tenantB = new ClientToken("b", "t-1", "hash", "execution-1");
    store.putClientToken(tenantA);
    store.putClientToken(tenantB);

    store.releaseClientToken(tenantA);

    assertThat(store.putClientToken(new ClientToken("b", "t-1", "hash", "execution-3")))
        .isEqualTo(tenantB);
  }
}
