package dev.openmodel.license;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The model-license catalog ({@code licenses/catalog.yaml}) joined with the SPDX license list:
 * categories of SPDX ids, facts about model licenses SPDX does not list, and an index of the
 * names people write, for exact matching after normalisation.
 */
public final class LicenseCatalog {

    /** A model license that is not on the SPDX list. */
    public record ModelLicense(String id, String name, String url, String category, boolean commercialUse, Long userLimit,
            String usePolicy, boolean attribution, boolean derivativeNaming, boolean passThrough, List<String> notes,
            List<String> aliases) {

        public LicenseCategory licenseCategory() {
            return LicenseCategory.fromId(category);
        }

        /** How it is written in an SPDX expression: LicenseRef-&lt;id&gt;, '+' spelled out. */
        public String ref() {
            return refOf(id);
        }
    }

    record CatalogFile(Map<String, List<String>> spdxCategories, Map<String, List<String>> spdxDuties, Map<String, String> spdxAliases,
            List<ModelLicense> models) {
    }

    /** A license family named without a version, whose listed versions all share one category. */
    record Family(String name, List<String> members) {
    }

    /** The catalog entry for a restriction stated without a license name. */
    public static final String BARE_RESTRICTION = "non-commercial-use-only";

    /** Where a free-text key leads: an SPDX id or a model license id. */
    record Target(boolean spdx, String id) {
    }

    /** An SPDX id ending in a version: CC-BY-NC-4.0 is family CC-BY-NC (initialised before INSTANCE, which uses it). */
    private static final java.util.regex.Pattern VERSIONED = java.util.regex.Pattern.compile("^(.*?)-(\\d+(?:\\.\\d+)*)$");
    private static final LicenseCatalog INSTANCE = load();

    private final Map<String, LicenseCategory> spdxCategory;
    private final Map<String, String> spdxAliases;
    private final Map<String, List<String>> spdxDuties;
    private final Map<String, ModelLicense> models;
    private final Map<String, Target> byKey;
    private final Map<String, Family> families;
    private final Map<String, ModelLicense> byExactName;

    private LicenseCatalog(CatalogFile file) {
        Map<String, LicenseCategory> categories = new HashMap<>();
        file.spdxCategories().forEach((category, ids) -> ids.forEach(id -> {
            if (SpdxLicenseList.get().find(id) == null) {
                throw new IllegalStateException("licenses/catalog.yaml classifies '" + id + "', which is not on SPDX license list "
                        + SpdxLicenseList.get().version());
            }
            categories.put(id.toLowerCase(Locale.ROOT), LicenseCategory.fromId(category));
        }));
        this.spdxCategory = Map.copyOf(categories);
        Map<String, String> aliases = new HashMap<>();
        file.spdxAliases().forEach((alias, id) -> aliases.put(alias.toLowerCase(Locale.ROOT), SpdxLicenseList.get().find(id).id()));
        this.spdxAliases = Map.copyOf(aliases);
        Map<String, List<String>> duties = new HashMap<>();
        if (file.spdxDuties() != null) {
            file.spdxDuties().forEach((id, lines) -> duties.put(id.toLowerCase(Locale.ROOT), List.copyOf(lines)));
        }
        this.spdxDuties = Map.copyOf(duties);
        Map<String, ModelLicense> byId = new HashMap<>();
        for (ModelLicense m : file.models()) {
            m.licenseCategory(); // fails fast on a misspelt category
            byId.put(m.id().toLowerCase(Locale.ROOT), m);
            byId.put(m.ref().toLowerCase(Locale.ROOT), m);
        }
        this.models = Map.copyOf(byId);
        this.byKey = buildIndex(file);
        this.families = buildFamilies(categories);
        Map<String, ModelLicense> exactNames = new HashMap<>();
        for (ModelLicense m : file.models()) {
            exactNames.put(exactKey(m.name()), m);
            if (m.aliases() != null) {
                m.aliases().forEach(a -> exactNames.put(exactKey(a), m));
            }
        }
        this.byExactName = Map.copyOf(exactNames);
    }

    private static String exactKey(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A model license by its name or an alias exactly as written (case and spacing aside): for names in scripts keys would fold away. */
    public ModelLicense byExactName(String name) {
        return name == null ? null : byExactName.get(exactKey(name));
    }

    /** A version-less family such as "CC BY-NC" whose every listed version has the same known category, or null. */
    Family family(String text) {
        return families.get(LicenseNames.key(text));
    }

    private static Map<String, Family> buildFamilies(Map<String, LicenseCategory> categories) {
        Map<String, List<String>> members = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (SpdxLicenseList.Entry e : SpdxLicenseList.get().entries()) {
            java.util.regex.Matcher m = VERSIONED.matcher(e.id());
            if (e.deprecated() || !m.matches()) {
                continue;
            }
            String key = LicenseNames.key(m.group(1));
            members.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(e.id());
            names.put(key, m.group(1));
        }
        Map<String, Family> families = new HashMap<>();
        members.forEach((key, ids) -> {
            if (ids.size() < 2 || key.isEmpty()) {
                return;
            }
            Set<LicenseCategory> seen = new HashSet<>();
            ids.forEach(id -> seen.add(categories.getOrDefault(id.toLowerCase(Locale.ROOT), LicenseCategory.UNKNOWN)));
            if (seen.size() == 1 && !seen.contains(LicenseCategory.UNKNOWN)) {
                families.put(key, new Family(names.get(key), ids.stream().sorted().toList()));
            }
        });
        return Map.copyOf(families);
    }

    public static LicenseCatalog get() {
        return INSTANCE;
    }

    public static String refOf(String modelLicenseId) {
        return "LicenseRef-" + modelLicenseId.replace("+", "plus");
    }

    /** A model license by its id or LicenseRef, case-insensitively. */
    public ModelLicense model(String id) {
        return id == null ? null : models.get(id.toLowerCase(Locale.ROOT));
    }

    /** Category of an SPDX-listed id; UNKNOWN when the catalog does not classify it. */
    public LicenseCategory spdxCategory(String spdxId) {
        return spdxCategory.getOrDefault(spdxId.toLowerCase(Locale.ROOT), LicenseCategory.UNKNOWN);
    }

    /** Duties of an SPDX-listed license beyond its category's, possibly none. */
    public List<String> spdxDuties(String spdxId) {
        return spdxDuties.getOrDefault(spdxId.toLowerCase(Locale.ROOT), List.of());
    }

    /** The SPDX id a deprecated or Hugging Face id stands for, or null. */
    public String spdxAlias(String id) {
        return id == null ? null : spdxAliases.get(id.toLowerCase(Locale.ROOT));
    }

    Target byText(String text) {
        return byKey.get(LicenseNames.key(text));
    }

    private static Map<String, Target> buildIndex(CatalogFile file) {
        Map<String, Target> index = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (SpdxLicenseList.Entry e : SpdxLicenseList.get().entries()) {
            String canonical = e.deprecated() && file.spdxAliases().containsKey(e.id()) ? file.spdxAliases().get(e.id()) : e.id();
            put(index, ambiguous, LicenseNames.key(e.id()), new Target(true, canonical));
            put(index, ambiguous, LicenseNames.key(e.name()), new Target(true, canonical));
        }
        file.spdxAliases().forEach((alias, id) -> put(index, ambiguous, LicenseNames.key(alias), new Target(true, id)));
        for (ModelLicense m : file.models()) {
            Target t = new Target(false, m.id());
            put(index, ambiguous, LicenseNames.key(m.id()), t);
            put(index, ambiguous, LicenseNames.key(m.name()), t);
            if (m.aliases() != null) {
                m.aliases().forEach(a -> put(index, ambiguous, LicenseNames.key(a), t));
            }
        }
        ambiguous.forEach(index::remove);
        index.remove("");
        return Map.copyOf(index);
    }

    private static void put(Map<String, Target> index, Set<String> ambiguous, String key, Target target) {
        Target existing = index.putIfAbsent(key, target);
        if (existing != null && !existing.equals(target)) {
            ambiguous.add(key); // two licenses read the same: matching it would be a guess
        }
    }

    private static LicenseCatalog load() {
        try (InputStream in = LicenseCatalog.class.getResourceAsStream("/licenses/catalog.yaml")) {
            return new LicenseCatalog(new ObjectMapper(new YAMLFactory()).readValue(in, CatalogFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read licenses/catalog.yaml", e);
        }
    }
}
