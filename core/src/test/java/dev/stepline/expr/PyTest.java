package dev.stepline.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void floatReprIsShortestRoundTrip() {
    assertThat(Py.repr(1e16)).isEqualTo("1e+16");
    assertThat(Py.repr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(Py.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    assertThat(Py.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Py.repr(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(Py.repr(1e-4)).isEqualTo("0.0001");
    assertThat(Py.repr(1.5e-5)).isEqualTo("1.5e-05");
    assertThat(Py.repr(5e-324)).isEqualTo("5e-324");
    assertThat(Py.repr(1e22)).isEqualTo("1e+22");
    assertThat(Py.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(Py.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }

  @Test
  void strOfContainersUsesRepr() {
    Map<Object, Object> dict = new LinkedHashMap<>();
    dict.put("name", "it's");
    dict.put(1L, Arrays.asList(null, true, 2.5, "x"));
    dict.put(PyTuple.of(1L), PyTuple.of());

    assertThat(Py.str(dict)).isEqualTo("{'name': \"it's\", 1: [None, True, 2.5, 'x'], (1,): ()}");
    assertThat(Py.str("plain")).isEqualTo("plain");
    assertThat(Py.repr("plain")).isEqualTo("'plain'");
    assertThat(Py.str(null)).isEqualTo("None");
    assertThat(Py.str(false)).isEqualTo("False");
    assertThat(Py.str(PySet.of(false, List.of()))).isEqualTo("set()");
    assertThat(Py.str(PySet.of(true, List.of(1L)))).isEqualTo("frozenset({1})");
    assertThat(Py.str(new PyBytes(new byte[] {'a', 0, (byte) 0xff}))).isEqualTo("b'a\\x00\\xff'");
  }

  @Test
  void stringReprEscapesAsPython() {
    assertThat(Py.repr("a'b\"c")).isEqualTo("'a\\'b\"c'");
    assertThat(Py.repr("tab\tnl\ncr\r")).isEqualTo("'tab\\tnl\\ncr\\r'");
    assertThat(Py.repr("\u0000\u007f\u00a0é")).isEqualTo("'\\x00\\x7f\\xa0é'");
    assertThat(Py.repr("\u200b😀")).isEqualTo("'\\u200b😀'");
  }

  @Test
  void dateValuesPrintAsPython() {
    PyDateTime time = new PyDateTime(LocalDateTime.of(2024, 3, 15, 10, 30, 5, 120_000), null);
    PyDateTime utc = new PyDateTime(LocalDateTime.of(2024, 3, 15, 10, 30), ZoneOffset.UTC);

    assertThat(Py.str(time)).isEqualTo("2024-03-15 10:30:05.000120");
    assertThat(Py.repr(time)).isEqualTo("datetime.datetime(2024, 3, 15, 10, 30, 5, 120)");
    assertThat(Py.repr(utc))
        .isEqualTo("datetime.datetime(2024, 3, 15, 10, 30, tzinfo=datetime.timezone.utc)");
    assertThat(Py.str(new PyDate(LocalDate.of(2024, 1, 2)))).isEqualTo("2024-01-02");
    assertThat(Py.str(PyTimeDelta.ofMicros(-1_000_000))).isEqualTo("-1 day, 23:59:59");
    assertThat(Py.toJson(utc).textValue()).isEqualTo("2024-03-15T10:30:00+00:00");
  }

  @Test
  void truthinessFollowsPython() {
    assertThat(Py.isTruthy(0L)).isFalse();
    assertThat(Py.isTruthy(-0.0)).isFalse();
    assertThat(Py.isTruthy(BigInteger.TEN)).isTrue();
    assertThat(Py.isTruthy("")).isFalse();
    assertThat(Py.isTruthy(" ")).isTrue();
    assertThat(Py.isTruthy(new ArrayList<>())).isFalse();
    assertThat(Py.isTruthy(Map.of())).isFalse();
    assertThat(Py.isTruthy(PyTuple.of(0L))).isTrue();
    assertThat(Py.isTruthy(null)).isFalse();
  }

  @Test
  void equalityAndHashingAcrossNumberTypes() {
    assertThat(Py.eq(1L, 1.0)).isTrue();
    assertThat(Py.eq(true, 1L)).isTrue();
    assertThat(Py.eq(Double.NaN, Double.NaN)).isFalse();
    assertThat(Py.eq(List.of(1L), PyTuple.of(1L))).isFalse();
    assertThat(Py.hash(1L)).isEqualTo(Py.hash(1.0)).isEqualTo(Py.hash(true));
    assertThat(PySet.of(false, List.of(1L, 1.0, true)).size()).isEqualTo(1);
  }

  @Test
  void jsonRoundTripKeepsTypes() throws Exception {
    Object value =
        Py.fromJson(
            JSON.readTree(
                "{\"a\": [1, 2.5, null, true, \"x\"],"
                    + " \"big\": 123456789012345678901234567890}"));

    assertThat(Py.repr(value))
        .isEqualTo("{'a': [1, 2.5, None, True, 'x'], 'big': 123456789012345678901234567890}");
    assertThat(JSON.writeValueAsString(Py.toJson(value)))
        .isEqualTo("{\"a\":[1,2.5,null,true,\"x\"],\"big\":123456789012345678901234567890}");
    assertThat(JSON.writeValueAsString(Py.toJson(PySet.of(false, List.of(PyTuple.of(1L))))))
        .isEqualTo("[[1]]");
  }

  @Test
  void typeNamesAreCPythons() {
    assertThat(Py.typeName(null)).isEqualTo("NoneType");
    assertThat(Py.typeName(true)).isEqualTo("bool");
    assertThat(Py.typeName(BigInteger.ONE)).isEqualTo("int");
    assertThat(Py.typeName(1.5)).isEqualTo("float");
    assertThat(Py.typeName(new ArrayList<>())).isEqualTo("list");
    assertThat(Py.typeName(new LinkedHashMap<>())).isEqualTo("dict");
    assertThat(Py.typeName(PyTuple.of())).isEqualTo("tuple");
  }
}
