package dev.stepline.tools.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body into a byte array and cancels the exchange once it exceeds a limit. */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final long limit;
  private final long declaredLength;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  LimitedBodySubscriber(long limit, long declaredLength) {
    this.limit = limit;
    this.declaredLength = declaredLength;
  }

  /** Thrown through the response future when a body exceeds the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super("response body exceeds " + limit + " bytes");
    }
  }

  static HttpResponse.BodyHandler<byte[]> handler(long limit) {
    return info ->
        new LimitedBodySubscriber(
            limit, info.headers().firstValueAsLong("content-length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > limit) {
      fail();
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (buffer.size() + (long) item.remaining() > limit) {
        fail();
        return;
      }
      byte[] bytes = new byte[item.remaining()];
      item.get(bytes);
      buffer.write(bytes, 0, bytes.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  private void fail() {
    subscription.cancel();
    result.completeExceptionally(new BodyTooLargeException(limit));
  }
}
