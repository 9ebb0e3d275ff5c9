package dev.openmodel.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.spdx.library.LicenseInfoFactory;

/**
 * The SPDX license list that ships inside the SPDX library (its bundled
 * {@code stdlicenses/licenses.json}), read once: ids, names, OSI approval. Works offline.
 */
public final class SpdxLicenseList {
    public record Entry(String id, String name, boolean osiApproved, boolean deprecated) {
    }

    private static final String INDEX = "/resources/stdlicenses/licenses.json";
    private static final SpdxLicenseList INSTANCE = load();

    private final String version;
    private final Map<String, Entry> byLowerId;

    private SpdxLicenseList(String version, Map<String, Entry> byLowerId) {
        this.version = version;
        this.byLowerId = byLowerId;
    }

    public static SpdxLicenseList get() {
        return INSTANCE;
    }

    public String version() {
        return version;
    }

    /** Case-insensitive, as SPDX ids are. */
    public Entry find(String id) {
        return id == null ? null : byLowerId.get(id.toLowerCase(Locale.ROOT));
    }

    public Iterable<Entry> entries() {
        return byLowerId.values();
    }

    private static SpdxLicenseList load() {
        try (InputStream in = LicenseInfoFactory.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("the SPDX library has no bundled license list at " + INDEX);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Entry> byId = new HashMap<>();
            for (JsonNode l : root.path("licenses")) {
                Entry e = new Entry(l.path("licenseId").asText(), l.path("name").asText(), l.path("isOsiApproved").asBoolean(false),
                        l.path("isDeprecatedLicenseId").asBoolean(false));
                byId.put(e.id().toLowerCase(Locale.ROOT), e);
            }
            return new SpdxLicenseList(root.path("licenseListVersion").asText(), Map.copyOf(byId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPDX license list", e);
        }
    }
}
