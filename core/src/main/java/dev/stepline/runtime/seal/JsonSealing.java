package dev.stepline.runtime.seal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Seals the secret-derived strings inside JSON text and unseals them again. A string counts as
 * secret-derived when the masker would change it: it contains a secret value that a step read, a
 * string an expression computed from one, or a credential a tool returned. Numbers, booleans and
 * other strings stay as they are, and so does the shape of the value, so a step that reads {@code
 * _.n} next to a sealed {@code _.token} needs no unsealing of the token.
 */
final class JsonSealing {
  private final Sealer sealer;
  private final SecretMasker masker;

  JsonSealing(Sealer sealer, SecretMasker masker) {
    this.sealer = sealer;
    this.masker = masker;
  }

  /** Returns {@code json} with every secret-derived string and object key sealed. */
  String seal(String json, String executionId) {
    if (json == null || masker.isEmpty() || masker.mask(json).equals(json)) {
      return json;
    }
    return rewrite(json, text -> sealIfDerived(text, executionId));
  }

  /** Returns {@code json} with every sealed string and object key unsealed. */
  String unseal(String json, String executionId) {
    if (json == null || !json.contains(SealedEnvelope.PREFIX)) {
      return json;
    }
    return rewrite(json, text -> unsealIfSealed(text, executionId));
  }

  private String sealIfDerived(String text, String executionId) {
    if (SealedEnvelope.isSealed(text) || !masker.hides(text)) {
      return text;
    }
    return sealer.seal(text, executionId);
  }

  private String unsealIfSealed(String text, String executionId) {
    if (!SealedEnvelope.isSealed(text)) {
      return text;
    }
    String plaintext = sealer.unseal(text, executionId);
    // As SecretsMapping#taint does: a string that still contains a known secret keeps its other
    // text visible.
    if (masker.mask(plaintext).equals(plaintext)) {
      masker.addDerived(plaintext);
    }
    return plaintext;
  }

  /** Returns {@code json} with every string and object key passed through {@code strings}. */
  static String rewrite(String json, UnaryOperator<String> strings) {
    try {
      JsonNode tree = JsonValues.mapper().readTree(json);
      return JsonValues.mapper().writeValueAsString(rewrite(tree, strings));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a stored value is not JSON, so it cannot be sealed", e);
    }
  }

  private static JsonNode rewrite(JsonNode node, UnaryOperator<String> strings) {
    if (node.isTextual()) {
      return TextNode.valueOf(strings.apply(node.textValue()));
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, rewrite(array.get(i), strings));
      }
      return array;
    }
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> iterator = object.fields();
      iterator.forEachRemaining(fields::add);
      object.removeAll();
      for (Map.Entry<String, JsonNode> field : fields) {
        object.set(strings.apply(field.getKey()), rewrite(field.getValue(), strings));
      }
      return object;
    }
    return node;
  }
}
