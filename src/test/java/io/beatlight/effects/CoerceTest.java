package io.beatlight.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;
import org.junit.jupiter.api.Test;

/** Python int()/float()/truthiness on JSON values (docs/effects.md#value-coercion). */
class CoerceTest {
    static JsonNode j(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void integers() throws Exception {
        assertThat(Coerce.integer(j("25"))).isEqualTo(25);
        assertThat(Coerce.integer(j("25.9"))).isEqualTo(25);
        assertThat(Coerce.integer(j("-25.9"))).isEqualTo(-25);
        assertThat(Coerce.integer(j("1e2"))).isEqualTo(100);
        assertThat(Coerce.integer(j("true"))).isEqualTo(1);
        assertThat(Coerce.integer(j("\" 50 \""))).isEqualTo(50);
        assertThat(Coerce.integer(j("\"+1_000\""))).isEqualTo(1000);
        assertThat(Coerce.integer(j("\"1__0\""))).isNull();
        assertThat(Coerce.integer(j("\"1.5\""))).isNull();
        assertThat(Coerce.integer(j("\"abc\""))).isNull();
        assertThat(Coerce.integer(j("\"\""))).isNull();
        assertThat(Coerce.integer(j("null"))).isNull();
        assertThat(Coerce.integer(j("[1]"))).isNull();
        assertThat(Coerce.integer(j("123456789012345678901234567890"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Coerce.byteValue(j("300"))).isEqualTo(255);
        assertThat(Coerce.byteValue(j("-3"))).isZero();
        assertThat(Coerce.byteValue(j("\"abc\""))).isZero();
        assertThat(Coerce.u16(j("70000"))).isEqualTo(65535);
    }

    @Test
    void reals() throws Exception {
        assertThat(Coerce.real(j("\"7.5\""))).isEqualTo(7.5);
        assertThat(Coerce.real(j("\"1e3\""))).isEqualTo(1000.0);
        assertThat(Coerce.real(j("\" 2 \""))).isEqualTo(2.0);
        assertThat(Coerce.real(j("\".5\""))).isEqualTo(0.5);
        assertThat(Coerce.real(j("\"1_0.5\""))).isEqualTo(10.5);
        assertThat(Coerce.real(j("\"nan\""))).isNull();
        assertThat(Coerce.real(j("\"inf\""))).isNull();
        assertThat(Coerce.real(j("\"x\""))).isNull();
        assertThat(Coerce.real(j("false"))).isEqualTo(0.0);
        assertThat(Coerce.num(j("\"x\""), 10)).isEqualTo(10.0);
        assertThat(Coerce.num(null, 3)).isEqualTo(3.0);
    }

    @Test
    void truthinessAndKeys() throws Exception {
        for (String falsy : new String[] {"null", "false", "0", "0.0", "\"\"", "[]", "{}"}) {
            assertThat(Coerce.truthy(j(falsy))).as(falsy).isFalse();
        }
        for (String truthy : new String[] {"true", "1", "-0.5", "\" \"", "[0]", "{\"a\": 0}"}) {
            assertThat(Coerce.truthy(j(truthy))).as(truthy).isTrue();
        }
        assertThat(Coerce.key(j("\"  Piano \""))).isEqualTo("Piano");
        assertThat(Coerce.key(j("5"))).isEqualTo("5");
        assertThat(Coerce.key(j("5.0"))).isEqualTo("5.0");
        assertThat(Coerce.key(j("true"))).isEqualTo("True");
        assertThat(Coerce.key(j("0"))).isEmpty();
    }
}
