package dev.stepline.runtime.store;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore() {
    return new InMemoryExecutionStore();
  }
}
