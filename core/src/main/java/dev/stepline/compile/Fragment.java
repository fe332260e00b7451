package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The states compiled for one step or list of steps, in file order.
 *
 * @param entry the state that runs first, or the state after the fragment when it has no states
 *     ({@code null} when that is the end of the body)
 */
record Fragment(String entry, List<Map.Entry<String, ObjectNode>> states) {

  static Fragment of(String name, ObjectNode state) {
    return new Fragment(name, List.of(Map.entry(name, state)));
  }

  static Fragment empty(String next) {
    return new Fragment(next, List.of());
  }

  static Fragment join(String entry, List<Fragment> parts) {
    List<Map.Entry<String, ObjectNode>> states = new ArrayList<>();
    for (Fragment part : parts) {
      states.addAll(part.states);
    }
    return new Fragment(entry, states);
  }

  /** Returns this fragment followed by the states of {@code other}, entered at this entry. */
  Fragment append(Fragment other) {
    List<Map.Entry<String, ObjectNode>> joined = new ArrayList<>(states);
    joined.addAll(other.states);
    return new Fragment(entry, joined);
  }

  void addTo(ObjectNode target) {
    for (Map.Entry<String, ObjectNode> state : states) {
      target.set(state.getKey(), state.getValue());
    }
  }
}
