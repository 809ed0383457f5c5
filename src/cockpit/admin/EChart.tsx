'use client'

import type { EChartsOption } from 'echarts'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import React, { useEffect, useRef } from 'react'

import type { ChartClick } from './charts'

// Only what the options in ./charts.ts use (bars, lines, rings; grid, tooltip with its axis pointer,
// plain and scrolling legends, the pace mark line; the SVG renderer): the whole of `echarts` was a
// chunk of 358 KB gzipped on the 支部 page, these parts make one of 190 KB (the build's chunks).
// A new chart type or component in charts.ts must be added here, or ECharts leaves it out.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer])

type Props = {
  option: EChartsOption
  /** Read out instead of the drawing (the chart is an image to assistive technology). */
  label: string
  onClick?: (params: ChartClick) => void
  height?: number
  className?: string
  testId?: string
}

/**
 * One ECharts chart (SVG renderer: sharp when printed, and its bars are real elements). Created on
 * mount, given each new option, resized with the window and its container, disposed on unmount.
 */
export function EChart({ option, label, onClick, height = 300, className, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const chartRef = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onClick)

  useEffect(() => {
    clickRef.current = onClick
  }, [onClick])

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const dark = document.documentElement.getAttribute('data-theme') === 'dark'
    const chart = echarts.init(el, dark ? 'dark' : undefined, { renderer: 'svg', locale: 'ZH' })
    chartRef.current = chart
    chart.on('click', (params) => clickRef.current?.(params as ChartClick))
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    // The admin's nav drawer opening and closing changes the width without a window resize.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize)
    observer?.observe(el)
    return () => {
      window.removeEventListener('resize', resize)
      observer?.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    chartRef.current?.setOption(option, true)
  }, [option])

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      className={className ? `echart ${className}` : 'echart'}
      data-testid={testId}
      style={{ width: '100%', height }}
    />
  )
}
