package dev.stepline.rotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Secrets Manager client that passes calls to a real one and simulates a crash of the rotation
 * Lambda at one call: before the call reaches the service, or after it took effect.
 */
final class CrashingClient {
  private final SecretsManagerClient target;
  private int calls;
  private int crashAt = -1;
  private boolean afterCall;

  CrashingClient(SecretsManagerClient target) {
    this.target = target;
  }

  /** Crashes at the {@code call}-th call (1-based), before or after it runs. */
  void crashAt(int call, boolean afterCall) {
    this.calls = 0;
    this.crashAt = call;
    this.afterCall = afterCall;
  }

  void countOnly() {
    this.calls = 0;
    this.crashAt = -1;
  }

  int calls() {
    return calls;
  }

  SecretsManagerClient client() {
    return (SecretsManagerClient)
        Proxy.newProxyInstance(
            SecretsManagerClient.class.getClassLoader(),
            new Class<?>[] {SecretsManagerClient.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class
                  || args != null && args.length == 1 && args[0] instanceof Consumer) {
                // Consumer overloads build the request and call the request overload below.
                return invokeDefault(proxy, method, args);
              }
              calls++;
              if (calls == crashAt && !afterCall) {
                throw new Crash(method.getName(), false);
              }
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                if (calls == crashAt) {
                  throw new Crash(method.getName(), true);
                }
                throw e.getCause();
              }
              if (calls == crashAt) {
                throw new Crash(method.getName(), true);
              }
              return result;
            });
  }

  private Object invokeDefault(Object proxy, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(this, args);
    }
    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
  }

  /** The simulated crash. */
  static final class Crash extends RuntimeException {
    Crash(String operation, boolean after) {
      super("simulated crash " + (after ? "after " : "before ") + operation);
    }
  }
}
