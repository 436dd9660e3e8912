"""The AI Gateway policy pack: `pulumi preview --policy-pack policies`. Every policy is listed here."""

from aigw_rules import ALL_POLICIES
from pulumi_policy import PolicyPack

PolicyPack(name="aigw-policies", policies=ALL_POLICIES)
