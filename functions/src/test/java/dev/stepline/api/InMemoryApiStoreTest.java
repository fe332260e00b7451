package dev.stepline.api;

/** The API store contract on the in-memory store. */
class InMemoryApiStoreTest extends ApiStoreContract {
  @Override
  protected ApiStore newStore() {
    return new InMemoryApiStore();
  }
}
