package dev.stepline.expr.lib;

import dev.stepline.expr.PySet;
import dev.stepline.expr.lib.Ops.Binary;

/** Set algebra with Python's operators. */
final class Sets {
  private Sets() {}

  static PySet difference(PySet a, PySet b) {
    PySet result = new PySet(a.frozen());
    for (Object item : a.values()) {
      if (!b.contains(item)) {
        result.addItem(item);
      }
    }
    return result;
  }

  static PySet operator(Binary op, PySet a, PySet b) {
    PySet result = new PySet(a.frozen());
    switch (op) {
      case OR -> {
        a.values().forEach(result::addItem);
        b.values().forEach(result::addItem);
      }
      case AND -> a.values().stream().filter(b::contains).forEach(result::addItem);
      default -> {
        a.values().stream().filter(item -> !b.contains(item)).forEach(result::addItem);
        b.values().stream().filter(item -> !a.contains(item)).forEach(result::addItem);
      }
    }
    return result;
  }
}
