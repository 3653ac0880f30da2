package io.beatlight.effects;

import java.util.List;

/** The descriptive half of an effect: id, name, description, tags and parameters. */
abstract class BaseEffect implements Effect {
    private final String id;
    private final String name;
    private final String description;
    private final List<String> tags;
    private final Parameters parameters;

    BaseEffect(String id, String name, String description, List<String> tags, Parameters parameters) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.tags = List.copyOf(tags);
        this.parameters = parameters;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> tags() {
        return tags;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }
}
