package dev.stepline.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

  @Test
  void placeholdersBecomeQuestionMarks() {
    NamedParameters.Parsed parsed =
        NamedParameters.parse("SELECT * FROM t WHERE a = :a AND b IN (:b, :a)");

    assertThat(parsed.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
    assertThat(parsed.names()).isEqualTo(List.of("a", "b", "a"));
  }

  @Test
  void literalsCommentsAndCastsAreLeftAlone() {
    String sql =
        "SELECT ':no', \"col:x\", $$ :no $$, $tag$ :no $tag$, x::int, $1 -- :no\n"
            + "/* :no */ FROM t WHERE y = :yes AND z = 'it''s :no'";

    NamedParameters.Parsed parsed = NamedParameters.parse(sql);

    assertThat(parsed.names()).isEqualTo(List.of("yes"));
    assertThat(parsed.sql()).isEqualTo(sql.replace(":yes", "?"));
  }
}
