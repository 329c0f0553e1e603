using System.CommandLine;

namespace FedUnlearn.Cli.Commands;

/// <summary>One <c>fedunlearn</c> subcommand: builds its <see cref="Command"/> (options, help, action).</summary>
internal interface ICliCommand
{
    Command Build();
}
