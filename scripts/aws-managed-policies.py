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

OUT = pathlib.Path(__file__).resolve().parent.parent / "policies" / "iam" / "data" / "aws-managed-policies.jsonl"

policies = json.loads(aws_managed_policies_data)
header = {"source": f"moto {moto.__version__}, moto/iam/aws_managed_policies.py", "generated": datetime.date.today().isoformat()}
# JSON Lines, one policy a line: a lookup parses only the line it needs.
lines = [json.dumps(header, separators=(",", ":"))]
for name, p in sorted(policies.items()):
    record = {"name": name, "path": p["Path"], "version": p["DefaultVersionId"], "document": p["Document"]}
    lines.append(json.dumps(record, separators=(",", ":")))
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text("\n".join(lines) + "\n")
print(f"{len(policies)} AWS managed policies from {header['source']} -> {OUT}")
