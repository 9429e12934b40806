package laminar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./laminar} launcher (a bash script at the project root) and TORNADOVM_HOME. Each test runs a copy of the
 * real script in a temporary project folder, with a fake {@code mvn} on PATH that records how it was called and writes
 * the jars a real build would, and with {@code LAMINAR_DRY_RUN=1}, so the launcher prints the java command it would
 * run instead of starting laminar. No real build, no TornadoVM needed: the SDKs here are folders laid out like one.
 */
class LauncherScriptTest {

    private static final Path LAUNCHER = projectRoot().resolve("laminar");
    private static final String TOOLKIT_JAR = "toolkit/target/laminar-toolkit.jar";
    private static final String TORNADO_JAR = "kernels-tornado/target/laminar-kernels-tornado-0.1.0-SNAPSHOT.jar";
    private static final int JDK = Runtime.version().feature();

    @TempDir
    Path root;

    @BeforeEach
    void copyLauncherAndFakeMaven() throws IOException {
        Files.copy(LAUNCHER, root.resolve("laminar"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path bin = Files.createDirectories(root.resolve("fakebin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), """
                #!/bin/sh
                echo "$* TORNADOVM_HOME=${TORNADOVM_HOME-unset}" >> "%s/mvn-calls"
                mkdir -p toolkit/target && touch %s
                case "$*" in *kernels-tornado*) mkdir -p kernels-tornado/target && touch %s;; esac
                """.formatted(root, TOOLKIT_JAR, TORNADO_JAR));
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void aFreshCloneWithTornadoVmBuildsTheTornadoModuleAndStartsJavaWithItsFlags() throws Exception {
        Path sdk = sdk("tornadovm", JDK, true);
        Run run = launch(sdk, "demo");
        assertThat(run.exit).isZero();
        assertThat(mvnCalls()).containsExactly("-q -B -DskipTests -pl toolkit,kernels-tornado -am install TORNADOVM_HOME=" + sdk);
        assertThat(run.command).contains("@" + sdk.resolve("tornado-argfile"));
        assertThat(classPath(run)).endsWith(":" + root.resolve(TORNADO_JAR));
        assertThat(run.command).endsWith("laminar.cli.Main", "demo");
    }

    @Test
    void withoutTornadoVmTheFirstBuildIsTheToolkitAloneAndJavaStartsPlain() throws Exception {
        Run run = launch(null, "demo");
        assertThat(run.exit).isZero();
        assertThat(mvnCalls()).containsExactly("-q -B -DskipTests -pl toolkit -am install TORNADOVM_HOME=unset");
        assertThat(run.command).noneMatch(a -> a.contains("tornado"));
    }

    @Test
    void changedTornadoSourcesAreRebuilt() throws Exception {
        Path sdk = sdk("tornadovm", JDK, true);
        builtJars(true);
        Path source = root.resolve("kernels-tornado/src/main/java/laminar/kernels/tornado/RsaKernels.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "// changed\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(launch(sdk, "demo").exit).isZero();
        assertThat(mvnCalls()).containsExactly("-q -B -DskipTests -pl toolkit,kernels-tornado -am install TORNADOVM_HOME=" + sdk);
    }

    @Test
    void freshJarsAreNotRebuiltAndBackendJavaLeavesTornadoVmOut() throws Exception {
        Path sdk = sdk("tornadovm", JDK, true);
        builtJars(true);
        Run run = launch(sdk, "demo", "--backend", "java");
        assertThat(run.exit).isZero();
        assertThat(mvnCalls()).isEmpty();
        assertThat(run.command).noneMatch(a -> a.contains("tornado"));
    }

    @Test
    void aMissingTornadoVmFolderIsOneLineAndTheJavaBackendRuns() throws Exception {
        builtJars(false);
        Path missing = root.resolve("no-such-sdk");
        Run run = launch(missing, "demo");
        assertThat(run.exit).isZero();
        assertThat(run.stderrLines()).containsExactly("laminar: TORNADOVM_HOME=" + missing + " holds no usable TornadoVM: "
                + "the folder does not exist. Point TORNADOVM_HOME at a TornadoVM 5.2.0-jdk25 SDK "
                + "(kernels-tornado/README.md) or unset it; using the java backend.");
        assertThat(run.command).noneMatch(a -> a.contains("tornado"));
    }

    @Test
    void aBrokenTornadoVmHomeIsLeftOutOfTheFirstBuild() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Run run = launch(empty, "demo");
        assertThat(run.exit).isZero();
        assertThat(run.stderr).contains("TORNADOVM_HOME=" + empty + " holds no usable TornadoVM: it has no bin/tornado.");
        assertThat(mvnCalls()).containsExactly("-q -B -DskipTests -pl toolkit -am install TORNADOVM_HOME=unset");
    }

    @Test
    void backendTornadoWithABrokenTornadoVmHomeExitsTwoBeforeAnyBuild() throws Exception {
        Path sdk = sdk("no-argfile", JDK, false);
        Run run = launch(sdk, "demo", "--backend=tornado");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.stderrLines()).singleElement().asString()
                .startsWith("laminar: TORNADOVM_HOME=" + sdk + " holds no usable TornadoVM: it has no tornado-argfile; "
                        + "generate it once: JAVA_HOME=")
                .contains("TORNADOVM_HOME=" + sdk + " " + sdk.resolve("bin/tornado") + " --generate-argfile.")
                .endsWith("or unset it.");
        assertThat(mvnCalls()).isEmpty();
        assertThat(run.command).isEmpty();
    }

    @Test
    void anArgfileLeftPointingAtAMovedSdkIsNamed() throws Exception {
        builtJars(true);
        Path sdk = sdk("copied-sdk", JDK, true);
        Files.writeString(sdk.resolve("tornado-argfile"), "-XX:+EnableJVMCI\n--module-path .:/old/place/share/java/tornado\n");
        Run run = launch(sdk, "demo");
        assertThat(run.exit).isZero();
        assertThat(run.stderr).contains("holds no usable TornadoVM: its tornado-argfile names /old/place/share/java/tornado, "
                + "which does not exist (SDK moved?); regenerate it: JAVA_HOME=");
        assertThat(run.command).noneMatch(a -> a.contains("tornado"));
    }

    @Test
    void withoutTheArgfileTemplateTheHintIncludesTheStepThatWritesIt() throws Exception {
        builtJars(false);
        Path sdk = sdk("fresh-copy", JDK, false);
        Files.delete(sdk.resolve("tornado-argfile.template"));
        Run run = launch(sdk, "demo");
        assertThat(run.exit).isZero();
        assertThat(run.stderr).contains("it has no tornado-argfile; generate it once: (cd " + sdk.resolve("bin")
                + " && TORNADOVM_HOME=" + sdk + " python3 gen-tornado-argfile-template.py opencl) && JAVA_HOME=");
    }

    @Test
    void aTornadoVmBuiltForAnotherJdkIsNamed() throws Exception {
        builtJars(true);
        Path sdk = sdk("tornadovm-jdk21", 21, true);
        Run run = launch(sdk, "demo", "--backend", "tornado");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.stderr).contains("holds no usable TornadoVM: it is TornadoVM 5.2.0-jdk21, not built for JDK " + JDK);
    }

    @Test
    void backendTornadoWithoutTornadoVmHomeSaysHowToGetIt() throws Exception {
        builtJars(false);
        Run run = launch(null, "run", "--backend", "tornado");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.stderrLines()).containsExactly("laminar: --backend tornado needs TornadoVM: set TORNADOVM_HOME to a "
                + "TornadoVM 5.2.0-jdk25 SDK (kernels-tornado/README.md), or use --backend java.");
    }

    /** A folder laid out like a TornadoVM SDK (bin/tornado, the API jar named for its JDK, the argfile template and
     *  optionally the argfile). */
    private Path sdk(String name, int jdk, boolean argfile) throws IOException {
        Path sdk = Files.createDirectories(root.resolve(name));
        Path tornado = Files.writeString(Files.createDirectories(sdk.resolve("bin")).resolve("tornado"), "#!/bin/sh\n");
        assertThat(tornado.toFile().setExecutable(true)).isTrue();
        Path jars = Files.createDirectories(sdk.resolve("share/java/tornado"));
        Files.writeString(jars.resolve("tornado-api-5.2.0-jdk" + jdk + ".jar"), "");
        Files.writeString(sdk.resolve("tornado-argfile.template"), "--module-path .:${TORNADOVM_HOME}/share/java/tornado\n");
        if (argfile) {
            Files.writeString(sdk.resolve("tornado-argfile"), "--module-path " + jars + "\n");
        }
        return sdk;
    }

    /** The jars of an earlier build, newer than every source. */
    private void builtJars(boolean tornado) throws IOException {
        for (String jar : tornado ? List.of(TOOLKIT_JAR, TORNADO_JAR) : List.of(TOOLKIT_JAR)) {
            Path p = root.resolve(jar);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(30)));
        }
    }

    private List<String> mvnCalls() throws IOException {
        Path log = root.resolve("mvn-calls");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static String classPath(Run run) {
        return run.command.get(run.command.indexOf("-cp") + 1);
    }

    private Run launch(Path tornadoHome, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("laminar").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", root.resolve("fakebin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LAMINAR_DRY_RUN", "1");
        env.remove("TORNADOVM_HOME");
        if (tornadoHome != null) {
            env.put("TORNADOVM_HOME", tornadoHome.toString());
        }
        Path out = root.resolve("stdout");
        Path err = root.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    /** Exit status, the java command it printed (one argument a line) and its stderr. */
    private record Run(int exit, List<String> command, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.startsWith("laminar: building")).toList();
        }
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
    }
}
