package dev.stepline.runtime.seal;

import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStoreContract;
import dev.stepline.runtime.store.InMemoryExecutionStore;

/**
 * The store contract through the sealing wrapper, so that sealing never drops a field of what it
 * wraps (such as the tenant of an execution).
 */
class SealingExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore() {
    return new SealingExecutionStore(
        new InMemoryExecutionStore(), AesGcmSealer.withRandomKey(), new SecretMasker());
  }
}
