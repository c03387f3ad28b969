using System.Threading.Channels;
using Flyte.Devbox.State;

namespace Flyte.Devbox.Runs;

/// <summary>
/// Live changes of actions, for the watch RPCs: every stored change is published here, and each watcher gets the
/// changes of the run it watches on its own unbounded channel (a slow watcher never blocks the executor).
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
                if (subscription.Run == action.Key.Run)
                {
                    subscription.Channel.Writer.TryWrite(action);
                }
            }
        }
    }

    /// <summary>Changes of <paramref name="run"/> from now on, until the subscription is disposed.</summary>
    public Subscription Subscribe(RunKey run)
    {
        var subscription = new Subscription(this, run);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public sealed class Subscription : IDisposable
    {
        private readonly ActionFeed _feed;

        internal Subscription(ActionFeed feed, RunKey run)
        {
            _feed = feed;
            Run = run;
        }

        public RunKey Run { get; }

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
