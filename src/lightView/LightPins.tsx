/**
 * The need pins of the light view: the same pins and bubbles as the editor's (pinViews.tsx), grouped
 * the same way at the same zoom and placed by the light camera, so the editor's take their place
 * without a move. A tap is kept as an intent for the editor (lightSession.ts).
 */
import { useMemo } from 'react'
import type { Camera } from '../board'
import type { Need, NeedCategory } from '../shared/participation'
import { Pin, PinGroupButton, usePinTexts } from '../participation/needs/pinViews'
import { groupNeedPins, pinnedNeeds, placePins } from '../participation/needs/pinLayout'
import type { LightIntent } from './lightSession'

interface LightPinsProps {
  needs: readonly Need[]
  categories: readonly NeedCategory[]
  camera: Camera
  width: number
  height: number
  onIntent: (intent: LightIntent) => void
}

export function LightPins({ needs: all, categories, camera, width, height, onIntent }: LightPinsProps) {
  const needs = useMemo(() => pinnedNeeds(all), [all])
  const texts = usePinTexts(needs, categories)
  const zoom = camera.z
  // As NeedPins: grouping depends on the zoom only, not the pan.
  const groups = useMemo(() => groupNeedPins(needs, texts, zoom), [needs, texts, zoom])
  return (
    <div className="cg-need-pins" data-testid="light-pins">
      {placePins(groups, texts, camera, width, height).map(({ group, x, y, shift }) =>
        group.members.length > 1 ? (
          <PinGroupButton
            key={`group:${group.lead.id}`}
            group={group}
            x={x}
            y={y}
            shift={shift}
            onOpen={() => onIntent({ kind: 'needGroup', needIds: group.members.map((m) => m.id) })}
          />
        ) : (
          <Pin
            key={group.lead.id}
            need={group.lead}
            text={texts.byId.get(group.lead.id)}
            x={x}
            y={y}
            shift={shift}
            highlighted={false}
            onOpen={() => onIntent({ kind: 'need', needId: group.lead.id })}
          />
        ),
      )}
    </div>
  )
}
