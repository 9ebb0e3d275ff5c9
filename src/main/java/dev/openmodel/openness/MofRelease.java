package dev.openmodel.openness;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A release as the Model Openness Tool sees it: which components are included, each with its
 * own license, explicitly unlicensed, or inheriting; and the release-wide licenses by content
 * type and for the whole distribution.
 *
 * @param name the release's name, when it has one
 * @param globalLicenses release-wide license names keyed by {@code code}, {@code data},
 *     {@code document} and {@code distribution}
 * @param components included components in the order declared
 */
public record MofRelease(String name, Map<String, String> globalLicenses, Map<MofComponent, ComponentLicense> components) {

    public static final String DISTRIBUTION = "distribution";

    /** A component's own license entry. */
    public record ComponentLicense(Kind kind, String license) {
        public enum Kind {
            /** A license is named for the component. */
            OWN,
            /** The component is declared as unlicensed: no release-wide license applies to it. */
            UNLICENSED,
            /** No license is named: the release-wide license for its type, else the distribution license, applies. */
            INHERITED
        }

        public static ComponentLicense own(String license) {
            return new ComponentLicense(Kind.OWN, license);
        }

        public static final ComponentLicense UNLICENSED = new ComponentLicense(Kind.UNLICENSED, null);
        public static final ComponentLicense INHERITED = new ComponentLicense(Kind.INHERITED, null);
    }

    public MofRelease {
        globalLicenses = Collections.unmodifiableMap(new LinkedHashMap<>(globalLicenses));
        components = Collections.unmodifiableMap(components.isEmpty() ? new EnumMap<>(MofComponent.class) : new EnumMap<>(components));
    }

    /**
     * The license that governs a component, found as the tool does: its own; none when it is
     * unlicensed; else the release-wide license for its content type; else the distribution
     * license; else none (null).
     */
    public String licenseOf(MofComponent component) {
        ComponentLicense own = components.get(component);
        if (own != null && own.kind() == ComponentLicense.Kind.OWN) {
            return own.license();
        }
        if (own != null && own.kind() == ComponentLicense.Kind.UNLICENSED) {
            return null;
        }
        String typed = globalLicenses.get(component.contentType().id());
        if (present(typed)) {
            return typed;
        }
        String distribution = globalLicenses.get(DISTRIBUTION);
        return present(distribution) ? distribution : null;
    }

    public boolean includes(MofComponent component) {
        return components.containsKey(component);
    }

    /** The same release with one more component (or another entry for it). */
    public MofRelease with(MofComponent component, ComponentLicense license) {
        Map<MofComponent, ComponentLicense> more = new LinkedHashMap<>(components);
        more.put(component, license);
        return new MofRelease(name, globalLicenses, more);
    }

    /** The same release without a component. */
    public MofRelease without(MofComponent component) {
        Map<MofComponent, ComponentLicense> fewer = new LinkedHashMap<>(components);
        fewer.remove(component);
        return new MofRelease(name, globalLicenses, fewer);
    }

    /** PHP's empty(): null, "" and "0" count as no license name. */
    static boolean present(String license) {
        return license != null && !license.isEmpty() && !license.equals("0");
    }
}
