package dev.openmodel.openness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openmodel.license.SpdxLicenseList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The license list the Model Openness Tool classifies against ({@code mof-tool/licenses.json},
 * then {@code mof-tool/mof-licenses.json}, a later entry replacing an earlier one with the same
 * id, as the tool's LicenseImporter does), and its two questions: is a license open (FSF-libre,
 * OSI-approved, one of its open-data licenses, or OpenMDW-1.0), and is it written for a
 * component's content type. Like the tool, it matches license ids exactly.
 */
public final class MofLicenses {

    /** Licenses the tool counts as open for data (LicenseHandler::OPEN_DATA_LICENSES). */
    private static final Set<String> OPEN_DATA = Set.of("CC0-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-2.5-AU", "CC-BY-3.0",
            "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL", "CC-BY-3.0-US", "CC-BY-4.0", "CC-BY-SA-1.0",
            "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0",
            "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ODC-PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "GFDL-1.3",
            "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0");

    /** The tool's own additions (LicenseHandler::OPEN_LICENSES). */
    private static final Set<String> OPEN_MODEL = Set.of("OpenMDW-1.0");

    record Entry(boolean osiApproved, boolean fsfLibre, Set<MofComponent.ContentType> contentTypes) {
    }

    private static final MofLicenses INSTANCE = load();

    private final Map<String, Entry> byId;
    private final Map<String, String> idByLowerCase;

    private MofLicenses(Map<String, Entry> byId) {
        this.byId = Map.copyOf(byId);
        Map<String, String> lower = new HashMap<>();
        byId.keySet().forEach(id -> lower.put(id.toLowerCase(java.util.Locale.ROOT), id));
        OPEN_DATA.forEach(id -> lower.putIfAbsent(id.toLowerCase(java.util.Locale.ROOT), id));
        this.idByLowerCase = Map.copyOf(lower);
    }

    public static MofLicenses get() {
        return INSTANCE;
    }

    /** Whether the tool counts this exact license id as open. */
    public boolean isOpen(String license) {
        if (license == null) {
            return false;
        }
        Entry e = byId.get(license);
        return (e != null && (e.fsfLibre() || e.osiApproved())) || OPEN_DATA.contains(license) || OPEN_MODEL.contains(license);
    }

    /** Whether this exact license id is on the tool's list as written for the given content type. */
    public boolean isTypeAppropriate(String license, MofComponent.ContentType type) {
        Entry e = license == null ? null : byId.get(license);
        return e != null && e.contentTypes().contains(type);
    }

    /** Whether the tool knows this exact id at all. */
    public boolean knows(String license) {
        return license != null && (byId.containsKey(license) || OPEN_DATA.contains(license));
    }

    /**
     * The id the tool would need for what someone wrote with another case ("apache-2.0"), or
     * null when there is no single such id. Used for our own manifests, never for MOF YAML.
     */
    public String idIgnoringCase(String license) {
        if (license == null) {
            return null;
        }
        String exact = idByLowerCase.get(license.strip().toLowerCase(java.util.Locale.ROOT));
        if (exact != null) {
            return exact;
        }
        SpdxLicenseList.Entry spdx = SpdxLicenseList.get().find(license.strip());
        return spdx == null ? null : spdx.id();
    }

    private static MofLicenses load() {
        Map<String, Entry> byId = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : new String[] {"licenses.json", "mof-licenses.json"}) {
            try (InputStream in = MofLicenses.class.getResourceAsStream("/mof-tool/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("mof-tool/" + file + " is missing from the classpath");
                }
                for (JsonNode l : json.readTree(in).path("licenses")) {
                    Set<MofComponent.ContentType> types = EnumSet.noneOf(MofComponent.ContentType.class);
                    JsonNode ct = l.path("ContentType");
                    if (ct.isTextual()) {
                        addType(types, ct.asText());
                    } else if (ct.isArray()) {
                        ct.forEach(t -> addType(types, t.asText()));
                    }
                    // As the tool's importer: every field is set from the later entry, absent flags read as false.
                    byId.put(l.path("licenseId").asText(), new Entry(l.path("isOsiApproved").asBoolean(false),
                            l.path("isFsfLibre").asBoolean(false), Set.copyOf(types)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mof-tool/" + file, e);
            }
        }
        return new MofLicenses(byId);
    }

    private static void addType(Set<MofComponent.ContentType> types, String type) {
        for (MofComponent.ContentType t : MofComponent.ContentType.values()) {
            if (t.id().equals(type)) {
                types.add(t);
            }
        }
    }
}
