package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openmodel.testing.ContainerJvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator with the options its image ships loads the native TLS library from the
 * directory beside it (target/quarkus-app/native, the image's /deployments/native): ACCP is told to
 * use it and not to copy its own out of its JAR, so a package without it would run on the JDK's
 * providers. Run in the integration-test phase, after packaging.
 */
class NativeTlsLibraryIT {
    static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();

    @Test
    void theShippedOptionsLoadTheLibraryBesideThePackage() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the bundled native library is for Linux x86_64");
        assertThat(APP.resolve("native/libamazonCorrettoCryptoProvider.so")).isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ContainerJvmOptions.shipped().stream()
                .filter(o -> o.startsWith("-Djava.library.path=") || o.startsWith("-Dcom.amazon.corretto.crypto.provider."))
                .map(o -> o.replace("/deployments/", APP + "/")).forEach(command::add);
        assertThat(command).anyMatch(o -> o.contains("useExternalLib=true"));
        command.addAll(List.of("-cp", APP.resolve("quarkus-run.jar") + java.io.File.pathSeparator + Path.of("target/test-classes").toAbsolutePath(),
                Install.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("installed: AmazonCorrettoCryptoProvider");
    }

    /** Installs the provider as the operator's start does and says which one is first. */
    public static final class Install {
        public static void main(String[] args) {
            System.out.println("installed: " + NativeCrypto.install());
            System.exit(NativeCrypto.install() == null ? 1 : 0);
        }
    }
}
