package dev.stepline.template;

import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.util.AbstractCollection;
import java.util.Collections;
import java.util.Iterator;

/**
 * Jinja2's {@code Undefined}: the value of a name or attribute that does not exist. It prints as an
 * empty string, is false, iterates as an empty sequence and has length 0; any other use raises
 * {@code UndefinedError} with the hint it carries, such as {@code 'now' is undefined}.
 *
 * <p>It is a collection only so that Jinjava's loops, {@code length} and truth tests treat it as
 * empty without special cases.
 */
final class Undefined extends AbstractCollection<Object> implements HasObjectTruthValue {
  private final String hint;

  private Undefined(String hint) {
    this.hint = hint;
  }

  /** Returns the value of a name that is not defined. */
  static Undefined name(String name) {
    return new Undefined("'" + name + "' is undefined");
  }

  /** Returns an undefined value whose use fails with {@code hint}. */
  static Undefined message(String hint) {
    return new Undefined(hint);
  }

  /** Returns the value of an attribute or item that {@code owner} does not have. */
  static Undefined attribute(Object owner, Object attribute) {
    if (attribute instanceof String) {
      return new Undefined(
          PythonValues.objectTypeRepr(owner) + " has no attribute " + PythonValues.repr(attribute));
    }
    return new Undefined(
        PythonValues.objectTypeRepr(owner) + " has no element " + PythonValues.repr(attribute));
  }

  String hint() {
    return hint;
  }

  /** Returns the error that any use of this value other than printing or testing raises. */
  TemplateFailure error() {
    return new TemplateFailure("UndefinedError", hint);
  }

  @Override
  public boolean getObjectTruthValue() {
    return false;
  }

  @Override
  public Iterator<Object> iterator() {
    return Collections.emptyIterator();
  }

  @Override
  public int size() {
    return 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Undefined;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "";
  }
}
