package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeCryptoTest {
    @BeforeEach
    @AfterEach
    void onlyTheJdksProviders() { // a @QuarkusTest earlier in this JVM may have installed it
        Security.removeProvider("AmazonCorrettoCryptoProvider");
    }

    @Test
    void putsTheNativeProviderFirstAndItInteroperatesWithTheJdks() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the bundled native library is for Linux x86_64");
        assertThat(NativeCrypto.install()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(NativeCrypto.install()).as("installing twice keeps one entry").isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Security.getProviders()).filteredOn(p -> p.getName().equals("AmazonCorrettoCryptoProvider")).hasSize(1);

        // What the native provider seals, the JDK's own AES-GCM opens: the same cipher, faster.
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        GCMParameterSpec iv = new GCMParameterSpec(128, new byte[12]);
        Cipher sealer = Cipher.getInstance("AES/GCM/NoPadding");
        assertThat(sealer.getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        sealer.init(Cipher.ENCRYPT_MODE, key, iv);
        byte[] sealed = sealer.doFinal("watch event".getBytes(StandardCharsets.UTF_8));
        Cipher opener = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        opener.init(Cipher.DECRYPT_MODE, key, iv);
        assertThat(new String(opener.doFinal(sealed), StandardCharsets.UTF_8)).isEqualTo("watch event");
    }

    @Test
    void turnedOffItLeavesTheJdksProviders() {
        NativeCrypto crypto = new NativeCrypto();
        crypto.enabled = false; // openmodel.native-crypto=false
        crypto.onStart(null);
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    }
}
