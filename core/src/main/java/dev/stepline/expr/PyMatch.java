package dev.stepline.expr;

import java.util.List;
import java.util.Map;

/**
 * A regex match object, as {@code re.search} returns it. Offsets count code points, as Python's do;
 * a group that did not take part in the match has start and end -1.
 *
 * @param string the subject string
 * @param pattern the pattern source
 * @param starts start offset of group 0..n
 * @param ends end offset of group 0..n
 * @param groups text of group 0..n, null where the group did not match
 * @param groupIndex group number by name
 */
public record PyMatch(
    String string,
    String pattern,
    int[] starts,
    int[] ends,
    List<String> groups,
    Map<String, Integer> groupIndex) {

  public String repr() {
    return "<re.Match object; span=("
        + starts[0]
        + ", "
        + ends[0]
        + "), match="
        + Py.repr(groups.get(0))
        + ">";
  }

  @Override
  public String toString() {
    return repr();
  }
}
