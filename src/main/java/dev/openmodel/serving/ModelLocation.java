package dev.openmodel.serving;

/**
 * Where model weights come from, parsed from {@code spec.model.uri}. The CRD schema already
 * rejects other shapes; this is the one place that takes a URI apart.
 */
public record ModelLocation(Scheme scheme, String authority, String path) {

    public enum Scheme {
        hf, oci, pvc, s3
    }

    public static ModelLocation parse(String uri) {
        int sep = uri == null ? -1 : uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("model uri must look like SCHEME://..., got '" + uri + "'");
        }
        Scheme scheme;
        try {
            scheme = Scheme.valueOf(uri.substring(0, sep));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model uri scheme must be hf, oci, pvc or s3, got '" + uri + "'");
        }
        String rest = uri.substring(sep + 3);
        if (scheme == Scheme.oci) {
            return new ModelLocation(scheme, rest, "");
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? new ModelLocation(scheme, rest, "") : new ModelLocation(scheme, rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The Hugging Face repository id ORG/NAME of an hf:// location. */
    public String huggingFaceRepo() {
        return authority + "/" + path;
    }
}
