"""A pack with one mandatory policy: a smoke File must not contain the word "forbidden"."""

from pulumi_policy import (
    EnforcementLevel,
    PolicyPack,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)


def no_forbidden(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    if args.resource_type == "pulumi-python:dynamic/smoke:File" and "forbidden" in args.props.get(
        "content", ""
    ):
        report_violation("smoke File content must not contain the word 'forbidden'", None)


PolicyPack(
    name="smoke-policy",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[
        ResourceValidationPolicy(
            name="smoke-no-forbidden",
            description="A smoke File must not contain the word 'forbidden'.",
            validate=no_forbidden,
        ),
    ],
)
