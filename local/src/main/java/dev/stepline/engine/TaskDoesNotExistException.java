package dev.stepline.engine;

/** A task token that names no waiting task, because it is unknown or its task has ended. */
public class TaskDoesNotExistException extends IllegalArgumentException {
  TaskDoesNotExistException(String token) {
    super("task token not found: " + token + "; the task has ended or the token is wrong");
  }
}
