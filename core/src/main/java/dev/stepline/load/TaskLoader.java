package dev.stepline.load;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Task;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Loads a task file: parses the YAML, checks its shape, and normalises both step spellings into the
 * {@link Task} model.
 *
 * <p>Loading checks everything that can be seen in one node at a time (keys, types, step kinds).
 * Checks across the task (references, labels, lints) are {@code dev.stepline.validate}'s. Each call
 * is independent, so one loader may serve many threads.
 */
public final class TaskLoader {

  /** Loads a task from its text; {@code fileName} is only used in positions. */
  public LoadResult load(String fileName, String text) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loadInto(fileName, text, diagnostics);
    return new LoadResult(diagnostics.hasErrors() ? null : task, diagnostics.sorted());
  }

  /** Loads a task from the bytes of a file, which must be UTF-8 (a byte order mark is skipped). */
  public LoadResult load(String fileName, byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loadInto(fileName, bytes, diagnostics);
    return new LoadResult(diagnostics.hasErrors() ? null : task, diagnostics.sorted());
  }

  /**
   * Loads the bytes of a file, adding diagnostics to {@code diagnostics}. Returns what could be
   * read even when there are errors, so that a validator can still check the parts that were read;
   * returns {@code null} when the file is not UTF-8 or not a usable YAML mapping.
   */
  public Task loadInto(String fileName, byte[] bytes, Diagnostics diagnostics) {
    Optional<String> text = decodeUtf8(bytes);
    if (text.isPresent()) {
      return loadInto(fileName, text.get(), diagnostics);
    }
    int bad = firstInvalidByte(bytes);
    diagnostics.error(
        positionOfByte(fileName, bytes, bad),
        "",
        String.format(
            "a task file must be UTF-8 text (found byte 0x%02X at offset %d); save the file as"
                + " UTF-8",
            bytes[bad] & 0xff, bad));
    return null;
  }

  /** Loads text as {@link #loadInto(String, byte[], Diagnostics)} loads bytes. */
  public Task loadInto(String fileName, String text, Diagnostics diagnostics) {
    LoadContext context = new LoadContext(fileName, diagnostics);
    Optional<MappingNode> root = new YamlDocumentReader(fileName, diagnostics).read(text);
    return root.map(mapping -> new TaskNormaliser(context).normalise(mapping)).orElse(null);
  }

  private static Optional<String> decodeUtf8(byte[] bytes) {
    int start = hasByteOrderMark(bytes) ? 3 : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return Optional.of(
          decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean hasByteOrderMark(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF;
  }

  /** Returns the offset of the first byte that does not start or continue a valid sequence. */
  private static int firstInvalidByte(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int good = 0;
    for (int end = 1; end <= bytes.length; end++) {
      try {
        decoder.reset().decode(ByteBuffer.wrap(bytes, 0, end));
        good = end;
      } catch (CharacterCodingException e) {
        if (end - good >= 4) {
          return good;
        }
      }
    }
    return Math.min(good, bytes.length - 1);
  }

  private static SourcePosition positionOfByte(String fileName, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new SourcePosition(fileName, line, before.codePointCount(0, before.length()) + 1);
  }
}
