package dev.openmodel.reconciler;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.Security;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts the Amazon Corretto Crypto Provider (AWS-LC, native) first among the JCA providers before
 * the operator opens its first connection, so the JDK's TLS does AES-GCM, ECDH and RSA in native
 * code. With C1 only, the JDK's own AES-GCM ran at about 12 MB/s (ACCP about 400 MB/s) and was 21%
 * of the operator's CPU in a 1000-model rollout (JFR) and 15% of its start (async-profiler). Where
 * the native library cannot load (another architecture or libc, a native image), the JDK's
 * providers stay and the operator says so once.
 *
 * <p>The image ships the library beside the operator (/deployments/native, unpacked at build time)
 * and tells ACCP to load it from java.library.path: left to itself, ACCP copies the 9.6 MB library
 * out of its JAR into a temporary file at every start (0.1 s of CPU on the start's main thread, and
 * native code written to and run from a writable directory).
 */
@ApplicationScoped
public class NativeCrypto {
    private static final Logger LOG = Logger.getLogger(NativeCrypto.class);

    /** openmodel.native-crypto=false (a system property, or OPENMODEL_NATIVE_CRYPTO) keeps the JDK's providers. */
    @ConfigProperty(name = "openmodel.native-crypto", defaultValue = "true")
    boolean enabled;

    /** Before the SDK starts the informers (its observer has the default priority). */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (enabled) {
            install();
        } else {
            LOG.info("TLS crypto: the JDK's providers (openmodel.native-crypto=false)");
        }
    }

    /** The provider now first, or null when it could not be installed. */
    static synchronized String install() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                LOG.infof("TLS crypto: the JDK's providers (native AWS-LC unavailable: %s)", provider.getLoadingError().getMessage());
                return null;
            }
            provider.assertHealthy();
            if (Security.getProviders()[0] != provider) {
                Security.removeProvider(provider.getName());
                Security.insertProviderAt(provider, 1);
            }
            LOG.infof("TLS crypto: %s %s (AWS-LC, native)", provider.getName(), provider.getVersionStr());
            return provider.getName();
        } catch (RuntimeException | LinkageError e) {
            LOG.infof("TLS crypto: the JDK's providers (%s)", e.toString());
            return null;
        }
    }
}
