package dev.openmodel.license;

import java.util.Locale;

/** License categories, from most to least permissive for someone who serves a model. */
public enum LicenseCategory {
    PERMISSIVE, OPEN_MODEL, COPYLEFT, USE_RESTRICTED, NON_COMMERCIAL, PROPRIETARY, UNKNOWN;

    /** The API spelling: permissive, open-model, use-restricted ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LicenseCategory fromId(String id) {
        for (LicenseCategory c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown license category '" + id + "'; expected one of permissive, open-model, copyleft, "
                + "use-restricted, non-commercial, proprietary, unknown");
    }

    /** Whether the license grants the usual open freedoms (use, study, modify, share) for any purpose. */
    public boolean isOpen() {
        return this == PERMISSIVE || this == OPEN_MODEL || this == COPYLEFT;
    }

    @Override
    public String toString() {
        return id();
    }
}
