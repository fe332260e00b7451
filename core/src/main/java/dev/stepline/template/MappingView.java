package dev.stepline.template;

import dev.stepline.expr.PyMapping;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@link PyMapping} seen as a read-only {@code Map}, so that Jinjava can look keys up and iterate
 * it. Values are computed only when a template reads them, except when it iterates the entries,
 * which computes every value.
 */
final class MappingView extends AbstractMap<Object, Object> {
  private final PyMapping mapping;

  MappingView(PyMapping mapping) {
    this.mapping = mapping;
  }

  PyMapping mapping() {
    return mapping;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String && mapping.contains((String) key);
  }

  @Override
  public Object get(Object key) {
    return containsKey(key) ? mapping.getItem((String) key) : null;
  }

  @Override
  public Set<Object> keySet() {
    return new LinkedHashSet<>(mapping.keys());
  }

  @Override
  public int size() {
    return mapping.keys().size();
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
    for (String key : mapping.keys()) {
      entries.add(new SimpleImmutableEntry<>(key, mapping.getItem(key)));
    }
    return entries;
  }
}
