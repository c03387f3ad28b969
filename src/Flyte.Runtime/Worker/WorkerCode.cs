using Flyte.Generation;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Execution;

namespace Flyte.Runtime.Worker;

/// <summary>
/// A worker's code: the first action fetches the bundle and loads the assembly (<see cref="ActionRunner.LoadTable"/>),
/// the others find their task in what it loaded. One worker runs one version of one environment's code, since a
/// loaded assembly cannot be swapped for another in the same process: an action that names other code is refused.
/// </summary>
internal sealed class WorkerCode : ITaskCode
{
    private readonly object _gate = new();
    private (string? Bundle, string? Destination, string? Assembly)? _loadedFrom;
    private ITaskTable? _table;

    public ITaskTable Load(A0Arguments a, CancellationToken cancellationToken)
    {
        var wanted = (a.CodeBundle, a.CodeBundleDestination, a.AssemblyName);
        // Under the lock: actions that arrive together at a fresh worker wait for the one that loads.
        lock (_gate)
        {
            if (_table is null)
            {
                _table = ActionRunner.LoadTable(a, cancellationToken);
                _loadedFrom = wanted;
                return _table;
            }
            return _loadedFrom == wanted ? _table
                : throw new SystemFailureException("WorkerCodeMismatch",
                    $"this worker runs {_loadedFrom?.Assembly} from {_loadedFrom?.Bundle ?? "its image"}, not {a.AssemblyName} from {a.CodeBundle ?? "the image"}: one worker runs one version of its environment's code",
                    recoverable: false);
        }
    }
}
