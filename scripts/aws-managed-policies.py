#!/usr/bin/env python3
"""Writes policies/iam/data/aws-managed-policies.json from the AWS managed
policy documents that moto ships (moto/iam/aws_managed_policies.py, which moto
generates from the live AWS API). The IAM engine reads AWS managed policies by
ARN from this file; re-run after upgrading moto:

    python3 scripts/aws-managed-policies.py
"""
import datetime
import json
import pathlib

import moto
from moto.iam.aws_managed_policies import aws_managed_policies_data

OUT = pathlib.Path(__file__).resolve().parent.parent / "policies" / "iam" / "data" / "aws-managed-policies.json"

policies = json.loads(aws_managed_policies_data)
data = {
    "source": f"moto {moto.__version__}, moto/iam/aws_managed_policies.py",
    "generated": datetime.date.today().isoformat(),
    # name -> path, default version id and that version's document
    "policies": {
        name: {"path": p["Path"], "version": p["DefaultVersionId"], "document": p["Document"]}
        for name, p in sorted(policies.items())
    },
}
OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n")
print(f"{len(policies)} AWS managed policies from {data['source']} -> {OUT}")
