import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// Terraform, offline, for tests, fixtures and the local demo: the CLI on PATH
// installs hashicorp/aws from a filesystem mirror named by a CLI config file.

const MIRROR_PROVIDER = "registry.terraform.io/hashicorp/aws";

/**
 * The provider mirror's root (the folder above registry.terraform.io):
 * TF_PROVIDER_MIRROR when set, else found on disk: first under the folders
 * software is installed to and Terraform's own plugin folders, which take
 * well under a second to search, then anywhere on the root filesystem, which
 * can take many seconds.
 */
export function findProviderMirror(): string | undefined {
  const configured = process.env.TF_PROVIDER_MIRROR;
  if (configured) return fs.existsSync(path.join(configured, MIRROR_PROVIDER)) ? configured : undefined;
  const likely = ["/opt", "/usr/local", "/usr/share", "/srv", path.join(os.homedir(), ".terraform.d"), path.join(os.homedir(), ".local", "share")];
  return searchMirror(likely.filter((dir) => fs.existsSync(dir))) ?? searchMirror(["/"]);
}

function searchMirror(roots: string[]): string | undefined {
  if (roots.length === 0) return undefined;
  // Skipping node_modules, .git and .terraform folders (which never hold the mirror) makes the search a few times faster.
  const found = spawnSync(
    "find",
    [...roots, "-xdev", "(", "-name", "node_modules", "-o", "-name", ".git", "-o", "-name", ".terraform", ")", "-prune", "-o", "-name", "terraform-provider-aws_*", "-path", "*/registry.terraform.io/*", "-print"],
    { encoding: "utf8", timeout: 120_000 },
  );
  const binary = (found.stdout ?? "").split("\n").find((line) => line.includes(`/${MIRROR_PROVIDER}/`));
  return binary ? binary.slice(0, binary.indexOf("/registry.terraform.io/")) : undefined;
}

/** Why Terraform cannot run offline here, or undefined when it can. */
export function terraformMissing(mirror: string | undefined): string | undefined {
  const version = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (version.error) return "terraform is not on PATH";
  if (!mirror) return "no filesystem mirror of hashicorp/aws was found (set TF_PROVIDER_MIRROR to the folder above registry.terraform.io)";
  return undefined;
}

/** Writes a Terraform CLI config that installs hashicorp/aws from the mirror and nothing from the network. */
export function writeCliConfig(mirror: string, dir: string = fs.mkdtempSync(path.join(os.tmpdir(), "tf-cli-"))): string {
  const file = path.join(dir, "terraform.rc");
  fs.writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["${MIRROR_PROVIDER}"]
  }
}
`,
  );
  return file;
}

