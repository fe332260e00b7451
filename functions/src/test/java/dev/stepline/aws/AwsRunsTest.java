package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Starting a run on Step Functions and DynamoDB, both on moto. */
@ExtendWith(MotoServer.class)
class AwsRunsTest {
  private static final String TABLE = "stepline-runs";

  private final MotoServer.Endpoint moto;

  AwsRunsTest(MotoServer.Endpoint moto) {
    this.moto = moto;
    ExecutionTable.create(moto.dynamoDb(), TABLE);
  }

  @Test
  void startCreatesRecordAndPassesIdsOnly() throws Exception {
    SfnClient stepFunctions = moto.stepFunctions();
    String definition =
        Files.readString(
            dev.stepline.testing.ExternalTools.repoRoot()
                .resolve("statemachines/docs-multi-step-foreach-if-log-return.asl.json"),
            StandardCharsets.UTF_8);
    String arn =
        stepFunctions
            .createStateMachine(
                r ->
                    r.name("runs-" + UUID.randomUUID())
                        .definition(definition)
                        .roleArn("arn:aws:iam::123456789012:role/stepline"))
            .stateMachineArn();
    DynamoDbExecutionStore store =
        new DynamoDbExecutionStore(moto.dynamoDb(), TABLE, Duration.ofDays(1));

    String id =
        new AwsRuns(store, stepFunctions).start(arn, "demo", "main: []", "{\"token\": \"t-123\"}");

    ExecutionRecord record = store.findExecution(id).orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(record.input()).isEqualTo("{\"token\": \"t-123\"}");
    String input =
        stepFunctions
            .describeExecution(
                r -> r.executionArn(arn.replace(":stateMachine:", ":execution:") + ":" + id))
            .input();
    assertThat(input).isEqualTo("{\"execution\": \"" + id + "\", \"scope\": \"\"}");
  }
}
