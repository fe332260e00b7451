package dev.stepline.lambda.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the Lambda Java runtime in one process: loads a handler class by name, builds it
 * with its no-argument constructor, invokes it once with the event given as the second argument,
 * prints the response as one line on standard output, then the used heap on standard error. The
 * cold-start probe times the process from launch to that line.
 *
 * <p>It has no dependency beyond aws-lambda-java-core, so it runs beside any handler jar.
 */
public final class LambdaDriver {
  private LambdaDriver() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    long constructed = System.nanoTime();
    if (args.length > 2 && args[2].equals("prime")) {
      callHook(handler, "beforeCheckpoint");
      callHook(handler, "afterRestore");
    }
    long invoked = System.nanoTime();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(args[1].getBytes(StandardCharsets.UTF_8)),
        response,
        new DriverContext());
    long answered = System.nanoTime();
    System.out.println("response " + response.toString(StandardCharsets.UTF_8));
    System.out.flush();
    if (args.length > 3) {
      long again = System.nanoTime();
      handler.handleRequest(
          new ByteArrayInputStream(args[3].getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          new DriverContext());
      System.err.println("second-invocation-nanos " + (System.nanoTime() - again));
    }
    Runtime runtime = Runtime.getRuntime();
    System.err.println("heap-used-bytes " + (runtime.totalMemory() - runtime.freeMemory()));
    System.err.println("constructor-nanos " + (constructed - started));
    System.err.println("invocation-nanos " + (answered - invoked));
  }

  /** Calls the org.crac {@code Resource} hook of that name, if the handler has one. */
  private static void callHook(RequestStreamHandler handler, String name) throws Exception {
    for (Method method : handler.getClass().getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == 1) {
        method.invoke(handler, new Object[] {null});
        return;
      }
    }
  }

  private static final class DriverContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "probe";
    }

    @Override
    public String getLogGroupName() {
      return "probe";
    }

    @Override
    public String getLogStreamName() {
      return "probe";
    }

    @Override
    public String getFunctionName() {
      return "probe";
    }

    @Override
    public String getFunctionVersion() {
      return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:probe";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.write(message, 0, message.length);
        }
      };
    }
  }
}
