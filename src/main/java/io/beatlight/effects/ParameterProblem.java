package io.beatlight.effects;

/** Why a value does not fit an effect parameter: the parameter's name and a complaint such as "must be a number". */
public record ParameterProblem(String parameter, String complaint) {
}
