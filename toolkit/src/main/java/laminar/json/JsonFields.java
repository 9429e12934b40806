package laminar.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import laminar.LaminarException;

import java.math.BigDecimal;

/**
 * Typed reading of the fields of one JSON object: a field of the wrong JSON type, out of range or not finite is a
 * {@link LaminarException} naming the source and the field, e.g.
 * {@code config.json: scale_attn_weights must be true or false, got 1; fix config.json}. Nothing is coerced:
 * {@code 1} is not a boolean, {@code "12"} is not an integer, {@code 12.5} is not an integer.
 *
 * <p>An absent field gives the default; JSON {@code null} is refused (Python reads it as {@code None}, which is
 * neither the default nor a value), except through {@link #isNull}, for the fields where null has a meaning.
 *
 * @param source names the object in messages (usually the file path)
 * @param object the object
 * @param fix what the user should do (ends every message)
 */
public record JsonFields(String source, JsonObject object, String fix) {

    /** Whether the field is present (null included). */
    public boolean has(String key) {
        return object.has(key);
    }

    /** Whether the field is present and JSON {@code null}. */
    public boolean isNull(String key) {
        return object.has(key) && object.get(key).isJsonNull();
    }

    /** A boolean field: exactly {@code true} or {@code false}. */
    public boolean bool(String key, boolean dflt) {
        JsonElement e = object.get(key);
        if (e == null) {
            return dflt;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw wrong(key, "must be true or false", e);
    }

    /** A string field. */
    public String string(String key, String dflt) {
        JsonElement e = object.get(key);
        if (e == null) {
            return dflt;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw wrong(key, "must be a string", e);
    }

    /** An integral number field within {@code [min, max]} ({@code 12} and {@code 12.0} are integral, 12.5 is not). */
    public int integer(String key, int dflt, int min, int max) {
        JsonElement e = object.get(key);
        if (e == null) {
            return dflt;
        }
        return integer(key, e, min, max);
    }

    /** {@link #integer(String, int, int, int)} of a value already taken out of the object (e.g. an array entry). */
    public int integer(String what, JsonElement e, int min, int max) {
        BigDecimal v = number(what, e);
        BigDecimal integral;
        try {
            integral = v.stripTrailingZeros();
        } catch (ArithmeticException ex) {
            throw wrong(what, "must be an integer", e);
        }
        if (integral.scale() > 0) {
            throw wrong(what, "must be an integer", e);
        }
        if (integral.compareTo(BigDecimal.valueOf(min)) < 0 || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw wrong(what, "must be an integer from " + min + " to " + max, e);
        }
        return integral.intValueExact();
    }

    /** A finite number field (a value outside double's range is not finite). */
    public double finite(String key, double dflt) {
        JsonElement e = object.get(key);
        if (e == null) {
            return dflt;
        }
        double d = number(key, e).doubleValue();
        if (!Double.isFinite(d)) {
            throw wrong(key, "must be a finite number", e);
        }
        return d;
    }

    /** A finite number field greater than zero. */
    public double positive(String key, double dflt) {
        double d = finite(key, dflt);
        if (!(d > 0)) {
            throw wrong(key, "must be greater than 0", object.get(key));
        }
        return d;
    }

    private BigDecimal number(String key, JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            return p.getAsBigDecimal();
        }
        throw wrong(key, "must be a number", e);
    }

    /** The exception for a field of the wrong type or value. */
    public LaminarException wrong(String key, String rule, JsonElement got) {
        return new LaminarException(source + ": " + key + " " + rule + ", got " + StrictJson.shortText(got) + "; " + fix);
    }
}
