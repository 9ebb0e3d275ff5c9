package dev.openmodel.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Endpoint {
    @JsonPropertyDescription("In-cluster URL of the inference server.")
    public String url;

    @JsonPropertyDescription("The API it speaks, e.g. openai.")
    public String api;

    public Endpoint() {
    }

    public Endpoint(String url, String api) {
        this.url = url;
        this.api = api;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && Objects.equals(url, e.url) && Objects.equals(api, e.api);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, api);
    }
}
