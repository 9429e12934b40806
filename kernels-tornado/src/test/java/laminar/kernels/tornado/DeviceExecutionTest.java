package laminar.kernels.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.RuntimeVisibleTypeAnnotationsAttribute;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;

/**
 * The kernels really run as device code: TornadoVM only parallelises loops whose {@code @Parallel} annotation it can
 * see (that needs the class compiled with -g), and with bailouts disabled a kernel that fails to compile throws
 * instead of silently running the Java loops.
 */
class DeviceExecutionTest {

    @Test
    void kernelClassKeepsTheLocalVariableTablesAndParallelAnnotations() throws IOException {
        assertParallelVisible(RsaKernels.class, "rowNorms", "cosine", "pearsonChunkMoments", "rsaRowMoments",
                "groupRowMoments", "fisherZ");
    }

    @Test
    void resamplingKernelClassKeepsTheLocalVariableTablesAndParallelAnnotations() throws IOException {
        assertParallelVisible(ResamplingDeviceKernels.class, "permutedWithin", "permutedCross", "bootstrapSums",
                "bootstrapCross");
    }

    private static void assertParallelVisible(Class<?> kernels, String... names) throws IOException {
        byte[] bytes;
        try (InputStream in = kernels.getResourceAsStream(kernels.getSimpleName() + ".class")) {
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        for (String kernel : names) {
            MethodModel method = model.methods().stream().filter(m -> m.methodName().equalsString(kernel))
                    .findFirst().orElseThrow();
            CodeModel code = method.code().orElseThrow();
            assertThat(code.findAttribute(Attributes.localVariableTable())).as(kernel + " LocalVariableTable")
                    .isPresent();
            assertThat(code.findAttribute(Attributes.runtimeVisibleTypeAnnotations())
                    .map(RuntimeVisibleTypeAnnotationsAttribute::annotations).orElseThrow())
                    .as(kernel + " @Parallel")
                    .anySatisfy(a -> assertThat(a.annotation().className().stringValue()).endsWith("/Parallel;"));
        }
    }

    @Test
    void theCosineGraphRunsOnTheDeviceWithMeasuredKernelTime() throws Exception {
        TornadoAssumptions.requireTornado();
        int m = 3;
        int n = 34;
        int d = 64;
        float[] rows = TornadoKernelsTest.activations(m, n, d, 42);
        RsaTaskGraphs.Bound<RsaTaskGraphs.CosineBuffers> g = RsaTaskGraphs.cosine(m, n, d);
        MemorySegment.copy(rows, 0, g.buffers().rows().getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0,
                rows.length);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.graph())) {
            TornadoExecutionResult result = plan.withDevice(TornadoProbe.find().device())
                    .withProfiler(ProfilerMode.SILENT).execute();
            assertThat(result.getProfilerResult().getDeviceKernelTime()).as("device kernel time (ns)")
                    .isPositive();
        }
        float[] expected = new laminar.kernels.JavaKernels().cosineMatrices(rows, m, n, d);
        for (int k = 0; k < expected.length; k++) {
            assertThat((double) g.buffers().cos().get(k)).isCloseTo(expected[k],
                    org.assertj.core.api.Assertions.within(2e-6));
        }
    }

    @Test
    void aResamplingGraphRunsOnTheDeviceWithMeasuredKernelTime() throws Exception {
        TornadoAssumptions.requireTornado();
        int m = 2;
        int n = 5;
        int p = 3;
        float[] cos = TornadoKernelsTest.activations(m, n, n, 7);
        int[] labels = {1, 2, 1, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3};
        RsaTaskGraphs.Bound<ResamplingTaskGraphs.WithinBuffers> g = ResamplingTaskGraphs.permutedWithin(m, n, p);
        MemorySegment.copy(cos, 0, g.buffers().values().getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0,
                cos.length);
        MemorySegment.copy(labels, 0, g.buffers().labels().getSegment(), ValueLayout.JAVA_INT_UNALIGNED, 0,
                labels.length);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.graph())) {
            TornadoExecutionResult result = plan.withDevice(TornadoProbe.find().device())
                    .withProfiler(ProfilerMode.SILENT).execute();
            assertThat(result.getProfilerResult().getDeviceKernelTime()).as("device kernel time (ns)")
                    .isPositive();
        }
        double[] expected = new laminar.kernels.JavaKernels().permutedWithinSums(cos, m, n, labels, p);
        for (int k = 0; k < expected.length; k++) {
            assertThat(g.buffers().sums().get(k)).isCloseTo(expected[k],
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }
}
