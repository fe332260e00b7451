package dev.stepline.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Exception for a task file that cannot be read, with the cause in plain words. */
public final class UnreadableTaskFileException extends UncheckedIOException {
  private final transient Path file;

  public UnreadableTaskFileException(Path file, IOException cause) {
    super("cannot read the task file (" + plainCause(file, cause) + "); check the path", cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Returns the message as the commands print it: {@code FILE: error: MESSAGE}. */
  public String format() {
    return file + ": error: " + getMessage();
  }

  /** Returns why {@code file} could not be read: not found, is a directory, permission denied. */
  public static String plainCause(Path file, IOException cause) {
    if (cause instanceof NoSuchFileException) {
      return "not found";
    }
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
