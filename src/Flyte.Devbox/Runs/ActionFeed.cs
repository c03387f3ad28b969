using System.Threading.Channels;
using Flyte.Devbox.State;

namespace Flyte.Devbox.Runs;

/// <summary>
/// Live changes of actions, for the watch RPCs: every stored change is published here, and each watcher gets the
/// changes it watches (one run's actions, or the root actions of a project's runs) on its own unbounded channel (a slow
/// watcher never blocks the executor).
/// </summary>
public sealed class ActionFeed
{
    private readonly object _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    public void Publish(ActionRecord action)
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Matches(action))
                {
                    subscription.Channel.Writer.TryWrite(action);
                }
            }
        }
    }

    /// <summary>Changes of <paramref name="run"/> from now on, until the subscription is disposed.</summary>
    public Subscription Subscribe(RunKey run) => Add(new Subscription(this, action => action.Key.Run == run));

    /// <summary>Changes of the root actions of every run of <paramref name="project"/> in <paramref name="domain"/>
    /// (of <paramref name="org"/>) from now on: the runs' own phases, for WatchRuns.</summary>
    public Subscription SubscribeToRuns(string org, string project, string domain) =>
        Add(new Subscription(this, action =>
            action.Key.Name == RunBook.RootActionName && action.Key.Run.Org == org && action.Key.Run.Project == project && action.Key.Run.Domain == domain));

    private Subscription Add(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public sealed class Subscription : IDisposable
    {
        private readonly ActionFeed _feed;

        internal Subscription(ActionFeed feed, Func<ActionRecord, bool> matches)
        {
            _feed = feed;
            Matches = matches;
        }

        internal Func<ActionRecord, bool> Matches { get; }

        internal Channel<ActionRecord> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<ActionRecord>();

        public ChannelReader<ActionRecord> Changes => Channel.Reader;

        public void Dispose()
        {
            lock (_feed._gate)
            {
                _feed._subscriptions.Remove(this);
            }
            Channel.Writer.TryComplete();
        }
    }
}
