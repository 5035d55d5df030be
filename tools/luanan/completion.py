"""Shell completion scripts for bash and zsh, made from the command line's own definition."""

from __future__ import annotations

import argparse


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    commands = _subcommands(parser)
    names = " ".join(commands)
    if shell == "bash":
        cases = "\n".join(f'        {name}) opts="{" ".join(options)}" ;;' for name, options in commands.items())
        return f'''# luanan completion for bash: source it, or put it in
# ~/.local/share/bash-completion/completions/luanan
_luanan() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} command="" opts=""
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in -*) ;; *) command="$word"; break ;; esac
    done
    if [ -z "$command" ]; then
        COMPREPLY=( $(compgen -W "{names} --project --debug --version --help" -- "$cur") )
        return
    fi
    case "$command" in
{cases}
    esac
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") $(compgen -f -- "$cur") )
}}
complete -F _luanan luanan
'''
    entries = "\n".join(f"    '{name}:{_help(parser, name)}'" for name in commands)
    return f"""#compdef luanan
# luanan completion for zsh: put it in a folder of $fpath as _luanan
_luanan() {{
  local -a commands
  commands=(
{entries}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
  else
    _files
  fi
}}
_luanan "$@"
"""


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [o for a in sub._actions for o in a.option_strings] for name, sub in action.choices.items()}


def _help(parser: argparse.ArgumentParser, name: str) -> str:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return (helps.get(name) or name).replace("'", "").replace(":", " -")
