package dev.stepline.aws;

/**
 * Thrown by {@link AwsClients} when neither the environment nor the AWS config file sets a region.
 * The CLI reports it in one line with the ways to set one.
 */
public final class MissingRegionException extends IllegalStateException {
  public MissingRegionException() {
    super(
        "no AWS region is set; set the AWS_REGION variable or a region in the AWS config file"
            + " (~/.aws/config)");
  }
}
