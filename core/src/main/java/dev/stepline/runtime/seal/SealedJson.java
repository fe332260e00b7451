package dev.stepline.runtime.seal;

import dev.stepline.runtime.secrets.SecretMasker;

/** Shows JSON text from the execution store without its sealed values, for API responses. */
public final class SealedJson {
  private SealedJson() {}

  /**
   * Returns {@code json} with every sealed string and object key replaced by {@code ***}, as the
   * masker shows a secret. Text that is not JSON is returned unchanged.
   */
  public static String masked(String json) {
    if (json == null || !json.contains(SealedEnvelope.PREFIX)) {
      return json;
    }
    try {
      return JsonSealing.rewrite(
          json, text -> SealedEnvelope.isSealed(text) ? SecretMasker.MASK : text);
    } catch (IllegalArgumentException e) {
      return json;
    }
  }
}
