package laminar.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a result: laminar's version, the model and its configuration, the template, the kernel backend,
 * and the seconds spent in each stage (in order).
 */
public record RunMetadata(String laminarVersion, String model, Map<String, Object> modelConfig, String template,
                          String backend, Map<String, Double> secondsPerStage) {

    public RunMetadata {
        modelConfig = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelConfig)); // may hold nulls
        secondsPerStage = new LinkedHashMap<>(secondsPerStage);
    }

    /** laminar's version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = RunMetadata.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
