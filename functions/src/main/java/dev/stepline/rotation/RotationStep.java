package dev.stepline.rotation;

import java.util.Arrays;

/** The four steps of the Secrets Manager rotation protocol, in the order they run. */
public enum RotationStep {
  CREATE_SECRET("createSecret"),
  SET_SECRET("setSecret"),
  TEST_SECRET("testSecret"),
  FINISH_SECRET("finishSecret");

  private final String wireName;

  RotationStep(String wireName) {
    this.wireName = wireName;
  }

  /** The step's name in the event Secrets Manager sends, such as {@code createSecret}. */
  public String wireName() {
    return wireName;
  }

  /** Returns the step of an event's {@code Step} field. */
  public static RotationStep of(String wireName) {
    return Arrays.stream(values())
        .filter(step -> step.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                new RotationException(
                    "unknown rotation step (found '"
                        + wireName
                        + "'); expected createSecret, setSecret, testSecret or finishSecret"));
  }
}
