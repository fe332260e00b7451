package dev.stepline.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;
import java.util.Set;

/**
 * Registers Jinja2's filters and tests on a Jinjava instance, replacing Jinjava's versions, and
 * lists Jinjava's additions that Jinja2 does not have, so that they are disabled.
 */
final class JinjaLibrary {
  private JinjaLibrary() {}

  /** Jinjava functions, filters and tags that Jinja2 lacks or that would reach files. */
  static Map<Library, Set<String>> disabled() {
    return Map.of(
        Library.FUNCTION,
        Set.of(
            "datetimeformat",
            "unixtimestamp",
            "truncate",
            "type",
            "today",
            "strtotime",
            "strtodate",
            "list",
            "immutable_list",
            "map_entry",
            "format_date",
            "format_time",
            "format_datetime",
            "super"),
        Library.FILTER,
        Set.of(
            "add",
            "between_times",
            "bool",
            "closehtml",
            "cut",
            "datetimeformat",
            "date",
            "difference",
            "divide",
            "divisible",
            "escape_jinjava",
            "escapejs",
            "escapejson",
            "filesizeformat",
            "fromjson",
            "fromyaml",
            "intersect",
            "ipaddr",
            "ipv4",
            "ipv6",
            "log",
            "md5",
            "minus_time",
            "multiply",
            "plus_time",
            "random",
            "regex_replace",
            "render",
            "root",
            "shuffle",
            "split",
            "strtodate",
            "strtotime",
            "symmetric_difference",
            "toyaml",
            "truncatehtml",
            "unescape_html",
            "union",
            "unixtimestamp",
            "urldecode",
            "format_number",
            "format_currency",
            "sha256",
            "forceescape"),
        Library.TAG,
        Set.of(
            "include",
            "import",
            "from",
            "extends",
            "block",
            "unless",
            "ifchanged",
            "cycle",
            "break",
            "continue",
            "do"));
  }

  static void install(Jinjava jinjava) {
    Context global = jinjava.getGlobalContext();
    for (Filter filter : Filters.all()) {
      global.registerFilter(filter);
    }
    for (ExpTest test : JinjaTests.all()) {
      global.registerExpTest(test);
    }
    // Jinja2 spells None in either case; Jinjava has no such literal, so bind the names to null,
    // which this engine treats as Python's None (an unbound name is Undefined instead).
    global.put("none", null);
    global.put("None", null);
  }
}
