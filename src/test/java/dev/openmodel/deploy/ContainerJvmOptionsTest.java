package dev.openmodel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openmodel.testing.ContainerJvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM command line the shipped image and Deployment make together, memory limit included (see ContainerJvmOptions). */
class ContainerJvmOptionsTest {
    final List<String> shipped = ContainerJvmOptions.shipped();

    @Test
    void selectsExactlyOneCollector() {
        assertThat(shipped.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList()).containsExactly("-XX:+UseSerialGC");
    }

    @Test
    void aJvmOfTheImagesReleaseStartsWithThem() throws Exception {
        int major = ContainerJvmOptions.imageJavaMajor(ContainerJvmOptions.DOCKERFILE);
        Optional<Path> java = ContainerJvmOptions.javaOf(major);
        assumeTrue(java.isPresent(), "no JDK " + major + " on this machine");
        List<String> command = new ArrayList<>(List.of(java.get().toString()));
        command.addAll(shipped);
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        assertThat(out).contains("version \"" + major);
    }

    @Test
    void theImageRecordsItsAotCacheWithTheOptionsItRunsWith() throws Exception {
        String dockerfile = Files.readString(ContainerJvmOptions.DOCKERFILE).replace("\\\n", " ");
        Matcher run = Pattern.compile("^RUN /deployments/aot-cache.sh java (\\S+) (\\S+) (.*)$", Pattern.MULTILINE).matcher(dockerfile);
        assertThat(run.find()).as("the Dockerfile's training run").isTrue();
        assertThat(run.group(1)).isEqualTo("/deployments/quarkus-run.jar");
        assertThat(shipped).contains("-XX:AOTCache=" + run.group(2));
        for (String option : run.group(3).trim().split("\\s+")) {
            // the last occurrence of an option is the one the JVM takes
            String last = shipped.stream().filter(o -> name(o).equals(name(option))).reduce((a, b) -> b).orElse(null);
            assertThat(last).as("training option " + option + " as the container runs it").isEqualTo(option);
        }
        assertThat(Files.readString(ContainerJvmOptions.DOCKERFILE)).contains("COPY --chown=185 hack/aot-cache.sh /deployments/aot-cache.sh");
    }

    /** -XX:+UseSerialGC and -XX:-UseSerialGC are one option; -XX:MaxRAM=512m is MaxRAM; -Dkey=value is -Dkey. */
    static String name(String option) {
        String n = option.startsWith("-XX:") ? option.substring(4).replaceFirst("^[+-]", "") : option;
        return n.replaceAll("=.*", "");
    }
}
