"""One dynamic resource whose side effect (a file) the smoke test can observe."""

from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import CreateResult, DiffResult, ResourceProvider, UpdateResult


class FileProvider(ResourceProvider):
    def create(self, props: dict[str, Any]) -> CreateResult:
        path = Path(props["directory"]) / props["filename"]
        path.write_text(props["content"])
        return CreateResult(id_=str(path), outs=dict(props))

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [key for key in ("directory", "filename", "content") if olds.get(key) != news.get(key)]
        return DiffResult(changes=bool(changed), replaces=[k for k in changed if k != "content"])

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        Path(id_).write_text(news["content"])
        return UpdateResult(outs=dict(news))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        Path(id_).unlink(missing_ok=True)


class SmokeFile(pulumi.dynamic.Resource, module="smoke", name="File"):
    content: pulumi.Output[str]

    def __init__(self, name: str, directory: str, content: str) -> None:
        super().__init__(
            FileProvider(), name, {"directory": directory, "filename": f"{name}.txt", "content": content}
        )


config = pulumi.Config()
smoke = SmokeFile("smoke", config.require("directory"), config.require("content"))
pulumi.export("content", smoke.content)
