package dev.stepline.expr.lib;

/** A method of a builtin type, called with its receiver. */
interface Method {
  Object call(Object self, Args args);
}
