'use client'

import React, { useCallback, useEffect, useRef, useState } from 'react'

import { clock, errorMessage, postJSON, uuid } from './clientUtil'

type Kind = 'video' | 'audio' | 'article'
type StudyEvent = 'start' | 'heartbeat' | 'complete'
type Reply = { secondsCredited?: number; percent?: number; completed?: boolean; hoursCredited?: number; position?: number }

type Props = {
  collection: 'micro-lessons' | 'red-resources'
  id: number
  kind: Kind
  /** For video and audio lessons: the file to play with the native player. */
  media?: { url: string; mimeType?: string | null; label: string } | null
  /** Saved progress: percent, completion, and the position (media seconds or the article's read fraction). */
  initial: { percent: number; completed: boolean; position: number }
  /** The article body (or a media lesson's transcript), rendered on the server. */
  children?: React.ReactNode
}

/** Heartbeats go out after this many seconds of real study (page visible and playing or reading). */
const BEAT_SECONDS = 20
/** Reading counts while the reader scrolled, tapped or typed within this long (a phone screen of text is about a minute). */
const READING_IDLE_MS = 90_000

/**
 * Records study time for one item: `start` on opening, a heartbeat every 20 s of real study
 * (media playing, or the article being read, with the page visible), `complete` when the media
 * ends or the article is scrolled to its end. Resumes media at the saved position.
 */
export function StudyTracker({ collection, id, kind, media, initial, children }: Props) {
  const isMedia = kind !== 'article' && Boolean(media)
  const mediaRef = useRef<HTMLMediaElement | null>(null)
  const articleRef = useRef<HTMLDivElement | null>(null)
  const endRef = useRef<HTMLDivElement | null>(null)

  const [percent, setPercent] = useState(initial.percent)
  const [completed, setCompleted] = useState(initial.completed)
  const [notice, setNotice] = useState<string | null>(null)
  const [resumed, setResumed] = useState<number | null>(null)

  const playing = useRef(false)
  /** When the reader last scrolled, tapped or typed (ms); opening the page counts, set on mounting. */
  const lastActivity = useRef(0)
  const reachedEnd = useRef(false)
  const completeSent = useRef(false)
  const activeSeconds = useRef(0)
  /** Study counted (or media played) since the last beat went out: there is a tail to save. */
  const unsent = useRef(false)
  const started = useRef<Promise<void> | null>(null)
  const startAnswered = useRef(false)

  /** Seconds into the media, or the fraction (0–1) of the article scrolled past the bottom of the screen. */
  const position = useCallback((): number => {
    if (isMedia) return Math.round((mediaRef.current?.currentTime ?? 0) * 10) / 10
    const el = articleRef.current
    if (!el) return 0
    const rect = el.getBoundingClientRect()
    if (rect.height <= 0) return 1
    const seen = (window.innerHeight - rect.top) / rect.height
    return Math.round(Math.max(0, Math.min(1, seen)) * 1000) / 1000
  }, [isMedia])

  const send = useCallback(
    async (event: StudyEvent) => {
      if (event !== 'start') {
        activeSeconds.current = 0
        unsent.current = false
      }
      const body = {
        collection,
        id,
        event,
        // The start goes out before the media has loaded: it carries where the player is about to
        // resume (the server opens the item at most at the furthest position it accepted before).
        position: event === 'start' && isMedia ? initial.position : position(),
        beatId: uuid(),
        ...(!isMedia ? { scrolledToEnd: reachedEnd.current } : {}),
      }
      try {
        const res = await postJSON<Reply>('/api/study/heartbeat', body, { keepalive: event !== 'start' })
        if (!res.ok) {
          setNotice(`学习记录暂未保存：${errorMessage(res.body) ?? `服务器返回 ${res.status}`}`)
          return
        }
        setNotice(null)
        if (typeof res.body?.percent === 'number') setPercent(res.body.percent)
        if (res.body?.completed) setCompleted(true)
      } catch {
        setNotice('网络连接中断，学习记录暂未保存，恢复后会继续记录。')
      }
    },
    [collection, id, isMedia, position, initial.position],
  )

  // start, once per page (refs survive React's development double mount)
  useEffect(() => {
    if (started.current) return
    started.current = send('start').finally(() => {
      startAnswered.current = true
    })
  }, [send])

  // Reading activity: scrolling, tapping, typing (articles; harmless for media).
  useEffect(() => {
    const mark = () => {
      lastActivity.current = Date.now()
    }
    // Opening the page is activity: the first tick (a second after mounting) finds the reader active.
    mark()
    const events = ['scroll', 'wheel', 'keydown', 'pointerdown', 'touchstart', 'mousemove'] as const
    for (const e of events) window.addEventListener(e, mark, { passive: true })
    document.addEventListener('visibilitychange', mark)
    return () => {
      for (const e of events) window.removeEventListener(e, mark)
      document.removeEventListener('visibilitychange', mark)
    }
  }, [])

  // One tick a second counts study time; every 20 counted seconds a heartbeat goes out. Media counts
  // the seconds played (at 2× speed, two a tick), so the position a beat reports is never far ahead of
  // the time since the last one: the server accepts a position only as far as the time it credits.
  useEffect(() => {
    const timer = window.setInterval(() => {
      const visible = document.visibilityState === 'visible'
      const studying = isMedia ? playing.current : Date.now() - lastActivity.current < READING_IDLE_MS
      if (!visible || !studying) return
      activeSeconds.current += isMedia ? Math.max(1, mediaRef.current?.playbackRate ?? 1) : 1
      unsent.current = true
      if (activeSeconds.current >= BEAT_SECONDS) void send('heartbeat')
    }, 1000)
    return () => window.clearInterval(timer)
  }, [isMedia, send])

  /**
   * The tail since the last beat, sent now: on pause, when the tab is hidden and when the page is
   * left, so a reload resumes where the member stopped rather than at the last 20-second beat. It is
   * an ordinary heartbeat, credited by the same rules on the server (never more than the time since
   * the previous beat, the position only as far as the credited time allows); with nothing studied
   * since the last beat nothing is sent, so a paused player credits no waiting time.
   */
  const flush = useCallback(
    (leaving: boolean) => {
      if (!unsent.current) return
      // After the start's answer, so the server has opened the item before it credits the tail. A
      // page being left runs no later callback, though: then the tail goes at once (keepalive, in
      // send) rather than never, as it did when a busy server was slow to answer the start. Should
      // it overtake the start there, the start's position (where this page opened) is what stays:
      // no worse than losing it.
      if (startAnswered.current || leaving) void send('heartbeat')
      else void started.current?.then(() => send('heartbeat'))
    },
    [send],
  )

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush(false)
    }
    const left = () => flush(true)
    document.addEventListener('visibilitychange', hidden)
    window.addEventListener('pagehide', left)
    return () => {
      document.removeEventListener('visibilitychange', hidden)
      window.removeEventListener('pagehide', left)
    }
  }, [flush])

  const complete = useCallback(() => {
    if (completeSent.current) return
    completeSent.current = true
    void (started.current ?? Promise.resolve()).then(() => send('complete'))
  }, [send])

  // Articles: the end marker scrolled into view completes the item.
  useEffect(() => {
    if (isMedia || !endRef.current || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        reachedEnd.current = true
        complete()
      }
    })
    observer.observe(endRef.current)
    return () => observer.disconnect()
  }, [isMedia, complete])

  const resumeDone = useRef(false)
  const onLoadedMetadata = () => {
    const el = mediaRef.current
    const at = initial.position
    if (!el || !(at > 1) || resumeDone.current) return
    resumeDone.current = true
    if (Number.isFinite(el.duration) && at >= el.duration - 2) return
    el.currentTime = at
    setResumed(at)
  }

  // The server-rendered element loads its metadata at once: it may have done so before hydration
  // attached onLoadedMetadata (seen on a busy machine), so look once after mounting.
  useEffect(() => {
    if ((mediaRef.current?.readyState ?? 0) >= 1) onLoadedMetadata()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const mediaProps = {
    ref: (el: HTMLMediaElement | null) => {
      mediaRef.current = el
    },
    controls: true,
    preload: 'metadata' as const,
    src: media?.url,
    'aria-label': media?.label,
    onLoadedMetadata,
    onPlaying: () => {
      playing.current = true
      unsent.current = true
    },
    onPause: () => {
      playing.current = false
      flush(false)
    },
    onWaiting: () => {
      playing.current = false
    },
    onEnded: () => {
      playing.current = false
      complete()
    },
  }

  const canJumpBack = !isMedia && initial.position > 0.05 && initial.position < 0.95 && !initial.completed
  const jumpBack = () => {
    const el = articleRef.current
    if (!el) return
    const top = el.getBoundingClientRect().top + window.scrollY + el.offsetHeight * initial.position - window.innerHeight
    window.scrollTo({ top: Math.max(0, top), behavior: 'smooth' })
  }

  const shown = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <div className="study">
      <div className="study__status">
        <span className="study__percent">学习进度 {shown}%</span>
        <span
          className="mini-progress"
          role="progressbar"
          aria-label="本课学习进度"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={shown}
        >
          <span style={{ width: `${shown}%` }} />
        </span>
        {completed ? <span className="badge badge--ok">已完成</span> : null}
        <span className="visually-hidden" aria-live="polite">
          {completed ? '本课已完成' : ''}
        </span>
      </div>
      {notice ? (
        <p className="study__notice" role="status">
          {notice}
        </p>
      ) : null}

      {isMedia && media ? (
        <div className={`player player--${kind}`}>
          {kind === 'video' ? (
            <video {...mediaProps} playsInline>
              您的浏览器不支持视频播放。
            </video>
          ) : (
            <audio {...mediaProps}>您的浏览器不支持音频播放。</audio>
          )}
          {resumed !== null ? <p className="muted small">已从上次的位置 {clock(resumed)} 继续播放。</p> : null}
        </div>
      ) : null}

      {canJumpBack ? (
        <p>
          <button type="button" className="link-button" onClick={jumpBack}>
            跳到上次阅读位置（约 {Math.round(initial.position * 100)}%）
          </button>
        </p>
      ) : null}

      {children ? (
        <div ref={articleRef} className="study__body">
          {children}
        </div>
      ) : null}
      {!isMedia ? (
        <div ref={endRef} className="study__end">
          {completed ? '— 已读完 —' : '— 全文完 —'}
        </div>
      ) : null}
    </div>
  )
}
